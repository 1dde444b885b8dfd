import { randomBytes } from 'node:crypto';
import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlDriverAdapter } from '@prisma/driver-adapter-utils';
import pg from 'pg';
import { parsePostgresUrl, type PgConnectionFields } from '../postgresUrl';
import { createDatabase, dropDatabase } from '../postgresDatabases';
import type { MigrationAdapterFactory } from './adapterFactory';

/** Postgres's internal single-byte `"char"` type, which catalog queries return (e.g. pg_constraint.contype). */
export const CHAR_OID = 18;
/** `text`, which adapter-pg maps; a `"char"` value already arrives as a one-character string. */
export const TEXT_OID = 25;

type FieldsResult = { fields?: { dataTypeID: number }[] };

/**
 * Quirk 3: adapter-pg 7.10.1 cannot map OID 18 ("Column type 'char' could not be deserialized"), and the schema
 * engine's catalog queries return it. Reports such columns as text. Handles multi-statement results (arrays) too.
 */
export function reportCharAsText<T>(result: T): T {
  for (const one of Array.isArray(result) ? (result as unknown[]) : [result]) {
    for (const field of (one as FieldsResult | null | undefined)?.fields ?? [])
      if (field.dataTypeID === CHAR_OID) field.dataTypeID = TEXT_OID;
  }
  return result;
}

/** A pg client whose results go through reportCharAsText, in both of pg's calling styles (callback and promise). */
export class CharAsTextClient extends pg.Client {
  // pg's query() has many overloads; this only post-processes what they return, so `any` passes them through unchanged.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override query(...args: any[]): any {
    const last: unknown = args[args.length - 1];
    if (typeof last === 'function') {
      args[args.length - 1] = (error: unknown, result: unknown) =>
        (last as (e: unknown, r: unknown) => void)(error, error ? result : reportCharAsText(result));
      return (super.query as (...a: unknown[]) => unknown)(...args);
    }
    const out = (super.query as (...a: unknown[]) => unknown)(...args);
    return out instanceof Promise ? out.then(reportCharAsText) : out;
  }
}

/** Pool settings for one database: separate fields (never a connectionString, see quirk 4) and the quirk-3 client. */
export function migrationPoolConfig(fields: PgConnectionFields, database: string = fields.database): pg.PoolConfig {
  return { ...fields, database, Client: CharAsTextClient, max: 4 };
}

/** A unique name for a temporary database, lowercase so quoting never matters. */
export function temporaryDatabaseName(purpose: 'shadow' | 'scratch'): string {
  return `quoteline_${purpose}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
}

/**
 * The PostgreSQL factory for migrations: adapter-pg over pools that report `"char"` as text (quirk 3), and a shadow
 * database we create and drop ourselves under a unique name (quirk 4: adapter-pg's own would reuse the main one).
 */
export function postgresFactory(databaseUrl: string): MigrationAdapterFactory {
  const { fields, schema } = parsePostgresUrl(databaseUrl);
  const options = schema ? { schema } : undefined;
  const main = new PrismaPg(migrationPoolConfig(fields), options);
  const opened: SqlDriverAdapter[] = [];
  const shadows: string[] = [];
  return {
    factory: {
      provider: main.provider,
      adapterName: main.adapterName,
      connect: async () => {
        const adapter = await main.connect();
        opened.push(adapter);
        return adapter;
      },
      connectToShadowDb: async () => {
        const name = temporaryDatabaseName('shadow');
        await createDatabase(fields, name);
        shadows.push(name);
        const adapter = await new PrismaPg(migrationPoolConfig(fields, name), options).connect();
        // The engine disposes its shadow adapter when done with it: drop the database then, not only at exit.
        const dispose = adapter.dispose.bind(adapter);
        let disposed = false;
        adapter.dispose = async () => {
          if (disposed) return;
          disposed = true;
          await dispose();
          await dropDatabase(fields, name);
          shadows.splice(shadows.indexOf(name), 1);
        };
        opened.push(adapter);
        return adapter;
      },
    },
    disposeAll: async () => {
      await Promise.allSettled(opened.splice(0).map((adapter) => adapter.dispose()));
      await Promise.allSettled(shadows.splice(0).map((name) => dropDatabase(fields, name)));
    },
  };
}
