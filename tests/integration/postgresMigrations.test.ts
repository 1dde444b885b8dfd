import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMigration, deployMigrations, migrationStatus } from '../../packages/db/src/cli/migrateCommands';
import {
  openMigrateContext,
  openScratchContext,
  type OpenMigrateContext,
} from '../../packages/db/src/cli/migrateContext';
import { createDb } from '../../packages/db/src/client';
import { seed } from '../../packages/db/src/seed';
import { ROOT } from '../support/root';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase';

// PostgreSQL only (project integration-pg): the committed prisma/postgresql migrations against a real server,
// through the project's own migrate commands and the same adapter-pg the app uses.
let database: TestDatabase;
const lines: string[] = [];
const target = () => ({
  provider: 'postgresql' as const,
  databaseUrl: database.url,
  root: ROOT,
  log: (line: string) => lines.push(line),
});

async function withDev<T>(run: (ctx: OpenMigrateContext) => Promise<T>): Promise<T> {
  const ctx = await openMigrateContext(target());
  try {
    return await run(ctx);
  } finally {
    await ctx.close();
  }
}

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.drop());

describe('PostgreSQL migrations', () => {
  it('deploy applies every committed migration on a fresh database, and status then says up to date', async () => {
    const before = await withDev(migrationStatus);
    expect(before.total).toBeGreaterThan(0);
    expect(before.pending).toHaveLength(before.total);
    expect(await withDev(deployMigrations)).toHaveLength(before.total);
    expect(await withDev(deployMigrations)).toEqual([]);
    expect(await withDev(migrationStatus)).toEqual({
      total: before.total,
      pending: [],
      failed: [],
      edited: [],
      missingLocally: [],
    });
  });

  it('are up to date with models.prisma: create finds no schema change (reading the catalog needs the "char" fix, quirk 3)', async () => {
    const created = await withDev(async (dev) => {
      const scratch = await openScratchContext(target());
      try {
        return await createMigration(dev, scratch, 'drift_check');
      } finally {
        await scratch.close();
      }
    });
    expect(
      created,
      'prisma/postgresql/migrations lag behind models.prisma: run db:migrate:create with a PostgreSQL DATABASE_URL',
    ).toBeUndefined();
    expect(lines).toContain('No schema changes');
    // the scratch and shadow databases were ours to create, and to drop (quirk 4)
    const leftovers = await database.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE datname LIKE 'quoteline\\_s%'",
    );
    expect(leftovers).toEqual([]);
  });

  it('createDb picks adapter-pg by the URL, and the seed and BigInt money work there', async () => {
    const db = createDb(database.url);
    try {
      await seed(db);
      await seed(db);
      expect(await db.instrument.count({ where: { feed: { slug: 'demo' } } })).toBe(10);
      const user = await db.user.create({
        data: { email: 'pg@example.com', passwordHash: 'x', account: { create: { cash: 9_007_199_254_740_993n } } },
        include: { account: true },
      });
      expect(user.account?.cash).toBe(9_007_199_254_740_993n);
    } finally {
      await db.$disconnect();
    }
  });
});
