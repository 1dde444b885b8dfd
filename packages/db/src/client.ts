import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import Database from 'better-sqlite3';
import { resolveDatabaseUrl } from './databaseUrl';
import { PrismaClient } from './generated/sqlite/client';
import { repoRoot } from './repoRoot';
import { ensureDatabaseFolder, sqliteFilePath } from './sqliteUrl';

/** The app's database handle: a Prisma client over SQLite (type kept separate so callers need not import the generated code). */
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

/** Opens the database named by a `file:` URL (relative paths mean the repo root) through the better-sqlite3 adapter. */
export function createDb(databaseUrl: string = resolveDatabaseUrl()): Db {
  const path = sqliteFilePath(databaseUrl, repoRoot());
  ensureDatabaseFolder(path);
  if (path !== ':memory:') enableWal(path);
  const adapter = new PrismaBetterSqlite3({ url: path, timeout: busyTimeoutMs });
  return new PrismaClient({ adapter });
}
