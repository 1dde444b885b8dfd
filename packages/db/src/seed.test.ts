import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deployMigrations } from './cli/migrateCommands';
import { openMigrateContext } from './cli/migrateContext';
import { createDb } from './client';
import { repoRoot } from './repoRoot';
import { demoInstruments, fxInstruments, seed } from './seed';
import { tempDir } from './tempDir';

/** A new SQLite database in a temp folder, migrated, not seeded. */
async function migratedDb(folder: string) {
  const databaseUrl = `file:${join(tempDir(folder), 'app.db')}`;
  const ctx = await openMigrateContext({ provider: 'sqlite', databaseUrl, root: repoRoot(), log: () => {} });
  await deployMigrations(ctx);
  await ctx.close();
  return createDb(databaseUrl);
}

describe('seed', { timeout: 30_000 }, () => {
  it('creates an fx feed quoted at 3-5 decimals', async () => {
    const db = await migratedDb('seed-fx');
    try {
      await seed(db);
      const fx = await db.feed.findUniqueOrThrow({ where: { slug: 'fx' }, include: { instruments: true } });
      const scales = Object.fromEntries(fx.instruments.map((i) => [i.symbol, i.priceScale]));
      expect(scales).toMatchObject({ EURUSD: 5, GBPUSD: 5, USDJPY: 3, EURGBP: 4 });
      expect((await db.instrument.findUniqueOrThrow({ where: { symbol: 'EURUSD' } })).lastPrice).toBe(108_520);
    } finally {
      await db.$disconnect();
    }
  });

  it('creates the demo feed with ten instruments, is idempotent, and keeps moved prices', async () => {
    const db = await migratedDb('seed');
    try {
      await seed(db);
      const feed = await db.feed.findUniqueOrThrow({ where: { slug: 'demo' }, include: { instruments: true } });
      expect(feed).toMatchObject({
        name: 'Demo market',
        tickIntervalMs: 500,
        volatility: 0.35,
        spreadBps: 8,
        seed: 42,
      });
      expect(feed.instruments).toHaveLength(10);
      const acme = feed.instruments.find((instrument) => instrument.symbol === 'ACME');
      expect(acme).toMatchObject({ name: 'Acme Corp', priceScale: 2, openPrice: 14250, lastPrice: 14250 });

      await db.instrument.update({ where: { symbol: 'ACME' }, data: { lastPrice: 15000 } });
      await seed(db);
      expect(await db.instrument.count()).toBe(demoInstruments.length + fxInstruments.length);
      expect(await db.feed.count()).toBe(2);
      expect((await db.instrument.findUniqueOrThrow({ where: { symbol: 'ACME' } })).lastPrice).toBe(15000);
      const rows = await db.$queryRawUnsafe<{ journal_mode: string }[]>('PRAGMA journal_mode');
      expect(rows[0]?.journal_mode).toBe('wal');
    } finally {
      await db.$disconnect();
    }
  });
});
