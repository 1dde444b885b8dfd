import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../tempDir';
import { syncSchemas } from './schemaFiles';

describe('syncSchemas', () => {
  it('writes both derived schemas, then reports them up to date, and --check catches a models edit', () => {
    const root = tempDir('schemas');
    mkdirSync(join(root, 'prisma'));
    writeFileSync(join(root, 'prisma', 'models.prisma'), 'model A {\n  id Int @id\n}\n');
    expect(syncSchemas(root, true).map((r) => r.state)).toEqual(['differs', 'differs']);
    expect(syncSchemas(root, false)).toEqual([
      { file: 'prisma/sqlite/schema.prisma', state: 'written' },
      { file: 'prisma/postgresql/schema.prisma', state: 'written' },
    ]);
    expect(readFileSync(join(root, 'prisma', 'sqlite', 'schema.prisma'), 'utf8')).toContain('model A');
    expect(syncSchemas(root, true).map((r) => r.state)).toEqual(['up to date', 'up to date']);
    writeFileSync(join(root, 'prisma', 'models.prisma'), 'model B {\n  id Int @id\n}\n');
    expect(syncSchemas(root, true).map((r) => r.state)).toEqual(['differs', 'differs']);
  });

  it('finds the committed schemas in sync with models.prisma', async () => {
    const { repoRoot } = await import('../repoRoot');
    expect(syncSchemas(repoRoot(), true).map((r) => r.state)).toEqual(['up to date', 'up to date']);
  });
});
