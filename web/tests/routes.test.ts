// The client is checked against docs/openapi.json: every route it calls must exist there with
// that method, so a renamed or removed endpoint fails here rather than in a user's browser.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { routes } from '../src/api/routes';

const spec = JSON.parse(readFileSync(fileURLToPath(new URL('../../docs/openapi.json', import.meta.url)), 'utf8')) as {
  paths: Record<string, Record<string, unknown>>;
};

describe('API routes used by the console', () => {
  for (const [name, [method, path]] of Object.entries(routes)) {
    it(`${name}: ${method} ${path} is in openapi.json`, () => {
      expect(Object.keys(spec.paths), `path ${path}`).toContain(path);
      expect(Object.keys(spec.paths[path] ?? {}), `${method} ${path}`).toContain(method.toLowerCase());
    });
  }

  it('uses no route twice under different names', () => {
    const seen = Object.values(routes).map(([m, p]) => `${m} ${p}`);
    expect(new Set(seen).size).toBe(seen.length);
  });
});
