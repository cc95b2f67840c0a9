// Gray-release client pieces: every route the gray screens call exists in docs/openapi.json with
// that method, the operator list matches the server's, and both languages have every message.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { grayRoutes, OPERATORS, valueCount } from '../src/api/gray';
import { grayEn, grayZh } from '../src/i18n/gray';

const spec = JSON.parse(readFileSync(fileURLToPath(new URL('../../docs/openapi.json', import.meta.url)), 'utf8')) as {
  paths: Record<string, Record<string, unknown>>;
  components: { schemas: Record<string, { properties?: Record<string, { enum?: string[] }> }> };
};

function entries(obj: object, prefix = ''): [string, string][] {
  return Object.entries(obj).flatMap(([k, v]): [string, string][] =>
    typeof v === 'object' && v !== null ? entries(v as object, `${prefix}${k}.`) : [[`${prefix}${k}`, String(v)]],
  );
}
const keys = (obj: object) => entries(obj).map(([k]) => k);

describe('gray routes', () => {
  for (const [name, [method, path]] of Object.entries(grayRoutes)) {
    it(`${name}: ${method} ${path} is in openapi.json`, () => {
      expect(Object.keys(spec.paths)).toContain(path);
      expect(Object.keys(spec.paths[path] ?? {})).toContain(method.toLowerCase());
    });
  }
  it('offers exactly the operators the server accepts', () => {
    expect([...OPERATORS].sort()).toEqual([...(spec.components.schemas.GrayCondition?.properties?.operator?.enum ?? [])].sort());
  });
  it('knows how many values each operator takes', () => {
    expect(valueCount('IN')).toBe('many');
    expect(valueCount('IN_CIDR')).toBe('many');
    expect(valueCount('VERSION_GTE')).toBe('one');
    expect(valueCount('REGEX')).toBe('one');
    expect(valueCount('IS_TRUE')).toBe('none');
  });
});

describe('gray messages', () => {
  it('zh-CN and en-US have the same keys, none empty, no vue-i18n special characters', () => {
    expect(keys(grayZh).sort()).toEqual(keys(grayEn).sort());
    for (const m of [grayZh, grayEn]) {
      for (const [k, v] of entries(m)) {
        expect(v, k).not.toBe('');
        expect(v, k).not.toMatch(/[@|]/);
      }
    }
  });
});
