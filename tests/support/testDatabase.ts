import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type pg from 'pg';
// By path, not through '@quoteline/db' (whose index pulls in more): these import nothing but pg, any loader takes them.
import { createDatabase, dropDatabase } from '../../packages/db/src/postgresDatabases';
import { parsePostgresUrl, withDatabase } from '../../packages/db/src/postgresUrl';
import { ROOT } from './root';

/**
 * A test app server's own database: a fresh SQLite file, or a fresh database on the test PostgreSQL server. SQL
 * given to it must run on both: quote identifiers ("Feed"."tickIntervalMs"), write dates as ISO strings.
 */
export interface TestDatabase {
  url: string;
  provider: 'sqlite' | 'postgresql';
  /** Runs SQL, several statements allowed. */
  exec(sql: string): Promise<void>;
  /** The rows of one query, as objects by column name (PostgreSQL returns bigint and count(*) as strings). */
  query<T = Record<string, unknown>>(sql: string): Promise<T[]>;
  /** Deletes the database (the file's folder, or DROP DATABASE). */
  drop(): Promise<void>;
}

let postgresServerUrl: string | undefined;

/** From now on, new test databases live on this PostgreSQL server (any database URL on it, with CREATEDB rights). */
export function setTestPostgres(serverUrl: string | undefined): void {
  postgresServerUrl = serverUrl;
}

/** The PostgreSQL server tests use, if any: set by setTestPostgres, else QUOTELINE_TEST_POSTGRES_URL. */
function postgresServer(): string | undefined {
  return postgresServerUrl ?? (process.env.QUOTELINE_TEST_POSTGRES_URL || undefined);
}

/** Loaded from @quoteline/db, whose dependencies these drivers are. */
const requireFromDb = createRequire(join(ROOT, 'packages/db/package.json'));

type SqliteHandle = { exec(sql: string): void; prepare(sql: string): { all(): unknown[] }; close(): void };

function sqliteDatabase(url: string): TestDatabase {
  const file = url.slice('file:'.length);
  const open = <T>(work: (db: SqliteHandle) => T): T => {
    const Database = requireFromDb('better-sqlite3') as new (path: string) => SqliteHandle;
    const db = new Database(file);
    try {
      return work(db);
    } finally {
      db.close();
    }
  };
  return {
    url,
    provider: 'sqlite',
    exec: async (sql) => open((db) => db.exec(sql)),
    query: async <T>(sql: string) => open((db) => db.prepare(sql).all() as T[]),
    drop: async () => rmSync(dirname(file), { recursive: true, force: true }),
  };
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const { Client } = requireFromDb('pg') as typeof pg;
  const { fields } = parsePostgresUrl(url);
  const client = new Client(fields);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function postgresDatabase(serverUrl: string, url: string): TestDatabase {
  const name = parsePostgresUrl(url).fields.database;
  return {
    url,
    provider: 'postgresql',
    exec: (sql) => withClient(url, async (client) => void (await client.query(sql))),
    query: <T>(sql: string) => withClient(url, async (client) => (await client.query(sql)).rows as T[]),
    drop: () => dropDatabase(parsePostgresUrl(serverUrl).fields, name),
  };
}

/** A new empty database of the kind the tests run on (migrate and seed it before use). */
export async function createTestDatabase(): Promise<TestDatabase> {
  const server = postgresServer();
  if (!server) return sqliteDatabase(`file:${join(mkdtempSync(join(tmpdir(), 'quoteline-test-')), 'test.db')}`);
  const name = `quoteline_test_${randomBytes(6).toString('hex')}`;
  await createDatabase(parsePostgresUrl(server).fields, name);
  return postgresDatabase(server, withDatabase(server, name));
}

/** The database behind an existing URL (a server restarted on the database of an earlier one). */
export function openTestDatabase(url: string): TestDatabase {
  if (url.startsWith('file:')) return sqliteDatabase(url);
  return postgresDatabase(postgresServer() ?? url, url);
}
