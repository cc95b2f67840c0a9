// Every code the server can answer with reaches users translated, in both languages: the error
// codes docs/openapi.json lists (x-error-codes) and the error and field-error codes collected from
// the server source into docs/error-codes.json (scripts/error_codes.py, kept current by a ctest).
// A new module cannot ship a raw code: its messages file needs errors.<code> / fieldErrors.<code>.
// The gray simulation's attributes and operators have labels too.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ATTRIBUTES, OPERATORS } from '../src/api/gray';
import { i18n, LOCALES, type Locale } from '../src/i18n';

const read = (path: string) => JSON.parse(readFileSync(fileURLToPath(new URL(path, import.meta.url)), 'utf8')) as unknown;
const emitted = read('../../docs/error-codes.json') as { errors: string[]; fields: string[] };

/** Every `x-error-codes` list anywhere in the spec (responses of operations and shared responses). */
function specCodes(node: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(node)) node.forEach((n) => specCodes(n, out));
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === 'x-error-codes' && Array.isArray(v)) v.forEach((c) => out.add(String(c)));
      else specCodes(v, out);
    }
  }
  return out;
}

const errorCodes = [...new Set([...specCodes(read('../../docs/openapi.json')), ...emitted.errors])].sort();
const fieldCodes = [...new Set(emitted.fields)].sort();

/** The keys of `prefix` that have no text in `locale` (te() with the locale checks only its catalogue). */
function untranslated(prefix: string, codes: readonly string[], locale: Locale): string[] {
  return codes.filter((c) => {
    const key = `${prefix}.${c}`;
    if (!i18n.global.te(key, locale)) return true;
    const text = i18n.global.t(key, {}, { locale });
    return typeof text !== 'string' || text.trim() === '' || text === key;
  });
}

describe('translation coverage of server codes', () => {
  it('reads enough codes to mean something (the files are where the test expects them)', () => {
    expect(errorCodes.length).toBeGreaterThan(50);
    expect(errorCodes).toEqual(expect.arrayContaining(['validation_failed', 'internal_error', 'apps.base_library_exists', 'users.email_taken']));
    expect(fieldCodes).toEqual(expect.arrayContaining(['invalid_format', 'invalid_origin', 'bad_cidr', 'too_short']));
  });

  for (const locale of LOCALES) {
    it(`has a ${locale} text for every error code`, () => {
      expect(untranslated('errors', errorCodes, locale)).toEqual([]);
    });
    it(`has a ${locale} text for every field-error code`, () => {
      expect(untranslated('fieldErrors', fieldCodes, locale)).toEqual([]);
    });
    it(`labels every gray attribute and operator in ${locale}`, () => {
      expect(untranslated('rule.attrs', ATTRIBUTES, locale)).toEqual([]);
      expect(untranslated('rule.ops', OPERATORS, locale)).toEqual([]);
    });
  }
});
