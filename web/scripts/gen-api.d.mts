// Types of scripts/gen-api.mjs for the drift test (tests/schema-drift.test.ts).
export const SPEC_PATH: string;
export const SCHEMA_PATH: string;
export function generateSchema(spec: unknown): Promise<string>;
export function readSpec(path?: string): unknown;
