import type { ChildProcess } from 'node:child_process';
import { ROOT } from './root';
import { createTestDatabase, openTestDatabase, type TestDatabase } from './testDatabase';

export { ROOT };

// Imported at run time: Playwright's loader would compile the .mjs server scripts as CommonJS.
const ports = () => import('../../scripts/servers/process.mjs');

/** A free TCP port on loopback (the scripts' own helper). */
export async function freePort(): Promise<number> {
  return (await ports()).freePort();
}

// The SQL below runs on SQLite and PostgreSQL alike: quoted identifiers (PostgreSQL folds unquoted ones to lowercase), ISO dates.

/** SQL adding a simulated feed `slug` with `count` instruments (symbols `<PREFIX>0..`), ticking every `tickMs`. */
export function feedSql(
  slug: string,
  options: { tickMs: number; count?: number; prefix?: string; price?: number },
): string {
  const count = options.count ?? 10;
  const prefix =
    options.prefix ??
    slug
      .toUpperCase()
      .replace(/[^A-Z0-9]/g, '')
      .slice(0, 6);
  const price = options.price ?? 10_000;
  const now = `'${new Date().toISOString()}'`;
  const rows = Array.from(
    { length: count },
    (_, i) => `('${slug}-i${i}', '${slug}', '${prefix}${i}', '${prefix} ${i}', 2, 1, ${price}, ${price}, ${now})`,
  ).join(',\n');
  return `INSERT INTO "Feed" ("id", "slug", "name", "source", "status", "tickIntervalMs", "volatility", "drift", "spreadBps", "seed", "createdAt", "updatedAt")
VALUES ('${slug}', '${slug}', '${slug} (test)', 'simulator', 'running', ${options.tickMs}, 0.4, 0, 10, 7, ${now}, ${now});
INSERT INTO "Instrument" ("id", "feedId", "symbol", "name", "priceScale", "tickSize", "openPrice", "lastPrice", "createdAt") VALUES
${rows};`;
}

/** SQL adding an embed key (JSON lists of origins and feeds; revoked when `revoked`). */
export function embedKeySql(
  key: string,
  options: { origins: string[]; feeds: string[]; symbols?: string[]; revoked?: boolean },
): string {
  const now = `'${new Date().toISOString()}'`;
  const json = (v: unknown) => `'${JSON.stringify(v)}'`;
  return `INSERT INTO "EmbedKey" ("id", "key", "label", "allowedOrigins", "allowedFeeds", "allowedSymbols", "revokedAt", "createdAt")
VALUES ('${key}', '${key}', 'test key', ${json(options.origins)}, ${json(options.feeds)}, ${options.symbols ? json(options.symbols) : 'NULL'}, ${options.revoked ? now : 'NULL'}, ${now});`;
}

/** A running app server on its own fresh database (SQLite, or PostgreSQL after setTestPostgres). */
export interface AppServer {
  url: string;
  databaseUrl: string;
  /** Runs SQL on the server's database, whichever kind it is. */
  db: TestDatabase;
  process: ChildProcess;
  /** SIGTERM (SIGKILL after 5 s), then delete the database unless `keepDatabase` (to restart on it). */
  stop(options?: { keepDatabase?: boolean }): Promise<void>;
}

/**
 * Migrates and seeds a fresh database (a SQLite file, or a database on the
 * test PostgreSQL server when one is in use: see testDatabase.ts), or reuses
 * `databaseUrl` of an earlier server stopped with `keepDatabase`, then starts
 * the BUILT app with `next start` on loopback (run `npm run build` first).
 * Stopped by process group.
 */
export async function startAppServer(
  options: {
    port?: number;
    env?: Record<string, string>;
    /** SQL run on the seeded database before the app starts, e.g. to add a fast test feed (must suit both databases). */
    sql?: string;
    /** An existing database (of a server stopped with `keepDatabase`): no migration, no seed; deleted by this server's stop. */
    databaseUrl?: string;
    /** Seed the demo's simulated candle history as `npm start` does (off by default: about 2 s, and most suites count the candles the app writes). */
    history?: boolean;
  } = {},
): Promise<AppServer> {
  const db = options.databaseUrl ? openTestDatabase(options.databaseUrl) : await createTestDatabase();
  const databaseUrl = db.url;
  const env = { ...process.env, DATABASE_URL: databaseUrl, NEXT_TELEMETRY_DISABLED: '1', ...options.env };
  if (!options.databaseUrl) {
    const { migrateAndSeed } = await import('../../scripts/lib.mjs');
    await migrateAndSeed(env, options.history ? [] : ['--no-demo-history']);
  }
  if (options.sql) await db.exec(options.sql);
  if (options.port !== undefined && !(await (await ports()).portIsFree(options.port)))
    throw new Error(
      `port ${options.port} is in use: another app server would answer these tests (set E2E_PORT to another port)`,
    );
  const port = options.port ?? (await freePort());
  // Imported at run time: Playwright's loader would compile the .mjs server scripts as CommonJS.
  const { startAppInstance } = await import('../../scripts/servers/app.mjs');
  const instance = await startAppInstance({ port, env });
  return {
    url: instance.url,
    databaseUrl,
    db,
    process: instance.child,
    async stop({ keepDatabase = false } = {}) {
      await instance.stop();
      if (!keepDatabase) await db.drop();
    },
  };
}
