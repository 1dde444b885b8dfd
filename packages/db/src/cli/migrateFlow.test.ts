import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import { providerPaths } from '../paths';
import { repoRoot } from '../repoRoot';
import { tempDir } from '../tempDir';
import { explainEngineError } from './engineErrors';
import { createMigration, deployMigrations, MigrateRefusal, migrationStatus } from './migrateCommands';
import { openMigrateContext, openScratchContext, type OpenMigrateContext } from './migrateContext';

// Runs the real wasm engine against temp SQLite files, on a copy of the committed schema and migrations.
describe('migrate flow on a fresh SQLite file', { timeout: 60_000 }, () => {
  let root: string;
  let databaseUrl: string;
  const lines: string[] = [];
  const log = (line: string) => lines.push(line);
  /** Runs one command on a fresh engine and closes it, as the CLI does per process. */
  async function withDev<T>(run: (ctx: OpenMigrateContext) => Promise<T>): Promise<T> {
    const ctx = await openMigrateContext({ provider: 'sqlite', databaseUrl, root, log, busyTimeoutMs: 200 });
    try {
      return await run(ctx);
    } finally {
      await ctx.close();
    }
  }
  const status = () => withDev(migrationStatus);
  const deploy = () => withDev(deployMigrations);
  const create = (name: string) =>
    withDev(async (dev) => {
      const scratch = await openScratchContext({ provider: 'sqlite', databaseUrl, root, log });
      try {
        return await createMigration(dev, scratch, name);
      } finally {
        await scratch.close();
      }
    });

  beforeEach(() => {
    root = tempDir('flow');
    cpSync(join(repoRoot(), 'prisma', 'sqlite'), join(root, 'prisma', 'sqlite'), { recursive: true });
    databaseUrl = `file:${join(root, 'db', 'dev.db')}`; // the db folder does not exist yet
    lines.length = 0;
  });

  it('deploys the committed migrations, twice (second is a no-op), and status agrees', async () => {
    const committed = readdirSync(providerPaths('sqlite', root).migrationsDir).filter(
      (name) => name !== 'migration_lock.toml',
    );
    expect(committed.some((name) => name.endsWith('_init'))).toBe(true);

    const before = await status();
    expect(before.pending).toEqual(committed);
    expect(await deploy()).toEqual(committed);
    expect(await deploy()).toEqual([]);
    expect(lines).toContain('No pending migrations');
    expect(await status()).toEqual({
      total: committed.length,
      pending: [],
      failed: [],
      edited: [],
      missingLocally: [],
    });
  });

  it('creates nothing when the schema matches, then a second migration after a model edit (quirk 1)', async () => {
    expect(await create('noop')).toBeUndefined();
    expect(lines).toContain('No schema changes');

    const { schemaFile, migrationsDir } = providerPaths('sqlite', root);
    writeFileSync(
      schemaFile,
      readFileSync(schemaFile, 'utf8').replace(
        '  lastPrice  Int\n',
        '  lastPrice  Int\n  volume     Int @default(0)\n',
      ),
    );
    const name = await create('add_volume');
    expect(name).toMatch(/^\d{14}_add_volume$/);
    expect(readFileSync(join(migrationsDir, name!, 'migration.sql'), 'utf8')).toContain(
      '"volume" INTEGER NOT NULL DEFAULT 0',
    );

    // The dev database is behind (nothing applied): create must still work and see no further change.
    expect(await create('again')).toBeUndefined();
    expect((await status()).pending).toContain(name);
    expect(await deploy()).toContain(name);
    expect((await status()).pending).toEqual([]);
  });

  it('refuses to create a migration when the database has drifted', async () => {
    await deploy();
    const db = new Database(join(root, 'db', 'dev.db'));
    db.exec('CREATE TABLE Rogue (id INTEGER)');
    db.close();
    const refusal = await create('x').catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(MigrateRefusal);
    expect((refusal as Error).message).toMatch(/^Drift/);
    expect((refusal as Error).message).toContain('Rogue');
  });

  it('explains a locked database instead of failing on an undecodable error kind', async () => {
    await deploy();
    const db = new Database(join(root, 'db', 'dev.db'));
    db.exec('BEGIN EXCLUSIVE');
    try {
      const message = await withDev((ctx) =>
        deployMigrations(ctx).then(String, (error: unknown) => explainEngineError(error, [ctx.errors])),
      );
      expect(message).toMatch(/External error id#\d+ \(Error: database is locked/);
    } finally {
      db.exec('ROLLBACK');
      db.close();
    }
  });

  it('reports edited and failed migrations', async () => {
    const { migrationsDir } = providerPaths('sqlite', root);
    await deploy();
    const [first] = readdirSync(migrationsDir).filter((name) => name !== 'migration_lock.toml');
    writeFileSync(
      join(migrationsDir, first!, 'migration.sql'),
      `${readFileSync(join(migrationsDir, first!, 'migration.sql'), 'utf8')}\n-- edited\n`,
    );
    cpSync(join(migrationsDir, first!), join(migrationsDir, '99990101000000_broken'), { recursive: true });
    writeFileSync(join(migrationsDir, '99990101000000_broken', 'migration.sql'), 'INSERT INTO "Nope" VALUES (1);');
    await expect(deploy()).rejects.toThrow(/Nope/);
    const after = await status();
    expect(after.edited).toEqual([first]);
    expect(after.failed).toEqual(['99990101000000_broken']);
  });
});
