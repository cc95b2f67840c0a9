// Gray-release client pieces: the rule builder offers exactly the operators the server accepts,
// and knows how many values each takes. (Routes: tests/routes.test.ts; messages: tests/i18n.test.ts.)
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { OPERATORS, valueCount } from '../src/api/gray';

const spec = JSON.parse(readFileSync(fileURLToPath(new URL('../../docs/openapi.json', import.meta.url)), 'utf8')) as {
  components: { schemas: Record<string, { properties?: Record<string, { enum?: string[] }> }> };
};

describe('gray rule operators', () => {
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
