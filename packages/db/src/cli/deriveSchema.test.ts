import { describe, expect, it } from 'vitest';
import { deriveSchema, schemaHeader } from './deriveSchema';

describe('deriveSchema', () => {
  it('prepends a prisma-client generator and a url-less datasource for the provider', () => {
    const header = schemaHeader('sqlite');
    expect(header).toContain('provider            = "prisma-client"');
    expect(header).toContain('output              = "../../packages/db/src/generated/sqlite"');
    expect(header).toContain('provider = "sqlite"');
    expect(header).not.toMatch(/\burl\s*=/);
  });

  it('keeps the models verbatim and differs between providers only in the header', () => {
    const models = 'model A {\n  id Int @id\n}';
    const sqlite = deriveSchema('sqlite', models);
    const pg = deriveSchema('postgresql', models);
    expect(sqlite.endsWith(`${models}\n`)).toBe(true);
    expect(pg).toContain('generated/postgresql');
    expect(pg).toContain('provider = "postgresql"');
    expect(sqlite.slice(schemaHeader('sqlite').length)).toBe(pg.slice(schemaHeader('postgresql').length));
  });
});
