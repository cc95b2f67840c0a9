// The client is checked against docs/openapi.json: every route of every module's table
// (src/api/<module>.ts, export `<module>Routes`) must exist there with that method, so a renamed or
// removed endpoint fails here rather than in a user's browser. New module files are picked up.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { RouteTable } from '../src/api/client';

const spec = JSON.parse(readFileSync(fileURLToPath(new URL('../../docs/openapi.json', import.meta.url)), 'utf8')) as {
  paths: Record<string, Record<string, unknown>>;
};

const modules = import.meta.glob<Record<string, unknown>>(['../src/api/*.ts', '!../src/api/*.d.ts'], { eager: true });
const tables = Object.entries(modules).flatMap(([file, exports]) =>
  Object.entries(exports)
    .filter(([name]) => name.endsWith('Routes'))
    .map(([name, table]) => ({ file: file.replace('../src/api/', ''), name, table: table as RouteTable })),
);

describe('API routes used by the console', () => {
  it('finds the route table of every module', () => {
    expect(tables.map((t) => t.name).sort()).toEqual(expect.arrayContaining(['accountsRoutes', 'appsRoutes', 'grayRoutes', 'hostAppsRoutes']));
  });

  for (const { file, table } of tables) {
    for (const [name, [method, path]] of Object.entries(table)) {
      it(`${file} ${name}: ${method} ${path} is in openapi.json`, () => {
        expect(Object.keys(spec.paths), `path ${path}`).toContain(path);
        expect(Object.keys(spec.paths[path] ?? {}), `${method} ${path}`).toContain(method.toLowerCase());
      });
    }
  }

  it('uses no route twice, within or across modules', () => {
    const seen = tables.flatMap(({ table }) => Object.values(table).map(([m, p]) => `${m} ${p}`));
    expect(seen.filter((r, i) => seen.indexOf(r) !== i)).toEqual([]);
  });
});
