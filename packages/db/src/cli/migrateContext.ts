import { mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ErrorRegistry } from '@prisma/driver-adapter-utils';
import { providerPaths, type Provider } from '../paths';
import { parsePostgresUrl, withDatabase } from '../postgresUrl';
import { migrationAdapterFactory } from './adapterFactory';
import type { MigrateContext } from './migrateCommands';
import { createDatabase, dropDatabase } from '../postgresDatabases';
import { temporaryDatabaseName } from './postgresFactory';
import { openSchemaEngine } from './schemaEngine';

/** An open migrate context plus what is needed to explain errors and release the engine. */
export interface OpenMigrateContext extends MigrateContext {
  errors: ErrorRegistry;
  close: () => Promise<void>;
}

/** What to open: a provider's schema and migrations, against one database. */
export interface MigrateTarget {
  provider: Provider;
  databaseUrl: string;
  root: string;
  log: (line: string) => void;
  /** how long to wait on a locked database, ms (default 5000) */
  busyTimeoutMs?: number;
}

/** Opens the engine for one provider and database, reading the derived schema, so commands and tests share one setup. */
export async function openMigrateContext(target: MigrateTarget): Promise<OpenMigrateContext> {
  const { schemaFile, migrationsDir } = providerPaths(target.provider, target.root);
  const schemaText = await readFile(schemaFile, 'utf8');
  const { factory, disposeAll } = migrationAdapterFactory(
    target.provider,
    target.databaseUrl,
    target.root,
    target.busyTimeoutMs,
  );
  const { engine, factory: bound } = await openSchemaEngine(schemaFile, schemaText, factory);
  const close = async () => {
    engine.free();
    await disposeAll(); // quirk 5: the engine never closes the main connection itself
  };
  return {
    engine,
    migrationsDir,
    schemaPath: schemaFile,
    schemaText,
    log: target.log,
    errors: bound.errorRegistry,
    close,
  };
}

/** A context on a throwaway database, removed on close, so `create` can replay every migration into it. */
export function openScratchContext(target: MigrateTarget): Promise<OpenMigrateContext> {
  return target.provider === 'postgresql' ? openPostgresScratch(target) : openSqliteScratch(target);
}

/** A throwaway SQLite file in a temp folder. */
async function openSqliteScratch(target: MigrateTarget): Promise<OpenMigrateContext> {
  const dir = mkdtempSync(join(tmpdir(), 'quoteline-migrate-'));
  try {
    const ctx = await openMigrateContext({ ...target, databaseUrl: `file:${join(dir, 'scratch.db')}` });
    return {
      ...ctx,
      close: async () => {
        await ctx.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

/** A uniquely named database on the server of `target.databaseUrl` (needs CREATEDB, as Prisma's shadow database does). */
async function openPostgresScratch(target: MigrateTarget): Promise<OpenMigrateContext> {
  const { fields } = parsePostgresUrl(target.databaseUrl);
  const name = temporaryDatabaseName('scratch');
  await createDatabase(fields, name);
  try {
    const ctx = await openMigrateContext({ ...target, databaseUrl: withDatabase(target.databaseUrl, name) });
    return {
      ...ctx,
      close: async () => {
        await ctx.close();
        await dropDatabase(fields, name);
      },
    };
  } catch (error) {
    await dropDatabase(fields, name);
    throw error;
  }
}
