// src/api/schema.d.ts is generated from docs/openapi.json (`npm run gen:api`) and committed. This
// regenerates it in memory and compares: when the spec changes without regenerating, `npm test`
// fails here, before the typed client can disagree with the server.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateSchema, readSpec, SCHEMA_PATH } from '../scripts/gen-api.mjs';

type Spec = { paths: Record<string, Record<string, unknown>>; components: { schemas: Record<string, unknown> } };

describe('generated API types', () => {
  it('src/api/schema.d.ts is what docs/openapi.json generates (else: npm run gen:api)', async () => {
    const committed = readFileSync(SCHEMA_PATH, 'utf8');
    // toBe would print 10,000 lines on a mismatch: say what to run instead.
    expect(committed === (await generateSchema(readSpec())), 'src/api/schema.d.ts is stale: run `npm run gen:api` in web/').toBe(true);
  });

  it('tells a changed spec apart: a new route and a new field change the generated text', async () => {
    const spec = readSpec() as Spec;
    spec.paths['/api/v1/orgs/{orgId}/domains'] = {
      get: {
        operationId: 'get_orgs_by_orgId_domains',
        parameters: [{ name: 'orgId', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { 200: { description: 'OK' } },
      },
    };
    (spec.components.schemas.App as { properties: Record<string, unknown> }).properties.reviewStatus = { type: 'string' };
    const regenerated = await generateSchema(spec);
    expect(regenerated).toContain('"/api/v1/orgs/{orgId}/domains"');
    expect(regenerated).toContain('reviewStatus?: string;');
    expect(regenerated === readFileSync(SCHEMA_PATH, 'utf8')).toBe(false);
  });
});
