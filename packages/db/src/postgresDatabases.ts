import pg from 'pg';
import type { PgConnectionFields } from './postgresUrl';

// Creating and dropping whole databases: the migrate tool's shadow and scratch
// databases, and the tests' database per app server. Imports only pg, so the
// test support can load it by path.

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Runs one statement on its own short-lived connection: CREATE/DROP DATABASE cannot run inside a transaction or a pool the engine holds. */
async function runAlone(fields: PgConnectionFields, sql: string): Promise<void> {
  const client = new pg.Client({ ...fields });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Creates an empty database on the server of `fields` (needs the CREATEDB privilege, as Prisma's shadow database does). */
export function createDatabase(fields: PgConnectionFields, name: string): Promise<void> {
  return runAlone(fields, `CREATE DATABASE ${quoteIdent(name)}`);
}

/** Drops a database, ending its connections first (WITH (FORCE) needs PostgreSQL 13+; older servers drop without it). */
export async function dropDatabase(fields: PgConnectionFields, name: string): Promise<void> {
  try {
    await runAlone(fields, `DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
  } catch {
    await runAlone(fields, `DROP DATABASE IF EXISTS ${quoteIdent(name)}`);
  }
}
