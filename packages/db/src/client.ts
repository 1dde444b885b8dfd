import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import Database from 'better-sqlite3';
import { providerOf, resolveDatabaseUrl } from './databaseUrl';
import { PrismaClient as PostgresPrismaClient } from './generated/postgresql/client';
import { PrismaClient } from './generated/sqlite/client';
import { parsePostgresUrl } from './postgresUrl';
import { repoRoot } from './repoRoot';
import { ensureDatabaseFolder, sqliteFilePath } from './sqliteUrl';

/**
 * The app's database handle, whichever database DATABASE_URL names. One type for callers: both generated clients come
 * from the same models, so their model API is identical; the SQLite client's type stands for both.
 */
export type Db = PrismaClient;

/** How long a connection waits on a locked database before failing, in ms (better-sqlite3's busy timeout). */
const busyTimeoutMs = 5000;

/** Switches the file to WAL once (the mode persists in the file), so the streamer's writes never block readers. */
function enableWal(path: string): void {
  const db = new Database(path, { timeout: busyTimeoutMs });
  try {
    db.pragma('journal_mode = WAL');
  } finally {
    db.close();
  }
}

function createSqliteDb(databaseUrl: string): Db {
  const path = sqliteFilePath(databaseUrl, repoRoot());
  ensureDatabaseFolder(path);
  if (path !== ':memory:') enableWal(path);
  const adapter = new PrismaBetterSqlite3({ url: path, timeout: busyTimeoutMs });
  return new PrismaClient({ adapter });
}

function createPostgresDb(databaseUrl: string): Db {
  const { fields, schema } = parsePostgresUrl(databaseUrl);
  const adapter = new PrismaPg(fields, schema ? { schema } : undefined);
  // Generated from the same models.prisma, the PostgreSQL client has the SQLite client's model API; the two
  // classes differ only in provider-specific internals (e.g. `mode: 'insensitive'` filters), which we do not use.
  return new PostgresPrismaClient({ adapter }) as unknown as Db;
}

/**
 * Opens the database a URL names, picked by its scheme: `file:` (relative paths mean the repo root) through the
 * better-sqlite3 adapter, `postgresql://` / `postgres://` through the pg adapter (a pool of connections).
 */
export function createDb(databaseUrl: string = resolveDatabaseUrl()): Db {
  return providerOf(databaseUrl) === 'postgresql' ? createPostgresDb(databaseUrl) : createSqliteDb(databaseUrl);
}
