import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import {
  isDriverAdapterError,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
  type SqlQuery,
  type Transaction,
} from '@prisma/driver-adapter-utils';
import type { Provider } from '../paths';
import { ensureDatabaseFolder, sqliteFilePath } from '../sqliteUrl';
import { postgresFactory } from './postgresFactory';

/** True for better-sqlite3's refusal to run several statements in one prepare(). */
function isMultiStatementError(error: unknown): boolean {
  return error instanceof Error && /more than one statement/i.test(error.message);
}

/**
 * adapter-better-sqlite3 reports SQLITE_BUSY as kind `SocketTimeout`, which this engine build cannot decode
 * ("unknown variant `SocketTimeout`"); rethrow it as a plain error so its text reaches the user.
 */
async function withReadableBusy<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (isDriverAdapterError(error) && error.cause.kind === 'SocketTimeout') {
      throw new Error(
        `database is locked (${error.cause.originalMessage ?? 'SQLITE_BUSY'}): another connection holds a write lock`,
      );
    }
    throw error;
  }
}

/** Delegates a transaction (its methods need their own `this`: adapters use #private fields), with readable busy errors. */
function wrapTransaction(tx: Transaction): Transaction {
  const wrapped: Transaction = {
    provider: tx.provider,
    adapterName: tx.adapterName,
    options: tx.options,
    queryRaw: (query: SqlQuery) => withReadableBusy(() => tx.queryRaw(query)),
    executeRaw: (query: SqlQuery) => withReadableBusy(() => tx.executeRaw(query)),
    commit: () => withReadableBusy(() => tx.commit()),
    rollback: () => tx.rollback(),
  };
  if (tx.createSavepoint) wrapped.createSavepoint = tx.createSavepoint.bind(tx);
  if (tx.rollbackToSavepoint) wrapped.rollbackToSavepoint = tx.rollbackToSavepoint.bind(tx);
  if (tx.releaseSavepoint) wrapped.releaseSavepoint = tx.releaseSavepoint.bind(tx);
  return wrapped;
}

/** Quirk 1: the engine replays a whole migration.sql with one executeRaw; better-sqlite3 needs executeScript for that. */
export function withScriptFallback(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const wrapped: SqlDriverAdapter = {
    provider: adapter.provider,
    adapterName: adapter.adapterName,
    queryRaw: (query) => withReadableBusy(() => adapter.queryRaw(query)),
    executeRaw: (query) =>
      withReadableBusy(async () => {
        try {
          return await adapter.executeRaw(query);
        } catch (error) {
          if (query.args.length > 0 || !isMultiStatementError(error)) throw error;
          await adapter.executeScript(query.sql);
          return 0;
        }
      }),
    executeScript: (script) => withReadableBusy(() => adapter.executeScript(script)),
    startTransaction: async (level) => wrapTransaction(await withReadableBusy(() => adapter.startTransaction(level))),
    dispose: () => adapter.dispose(),
  };
  const info = adapter.getConnectionInfo?.bind(adapter);
  if (info) wrapped.getConnectionInfo = info;
  return wrapped;
}

/** A factory for the engine plus a way to close every connection it opened (the engine never disposes the main one). */
export interface MigrationAdapterFactory {
  factory: SqlMigrationAwareDriverAdapterFactory;
  disposeAll: () => Promise<void>;
}

/** The SQLite factory for migrations: the app's better-sqlite3 adapter, shadow database in memory, with the quirk fixes. */
function sqliteFactory(databaseUrl: string, root: string, busyTimeoutMs: number): MigrationAdapterFactory {
  const path = sqliteFilePath(databaseUrl, root);
  ensureDatabaseFolder(path);
  const inner = new PrismaBetterSqlite3({ url: path, timeout: busyTimeoutMs });
  const opened: SqlDriverAdapter[] = [];
  const track = (adapter: SqlDriverAdapter) => {
    opened.push(adapter);
    return withScriptFallback(adapter);
  };
  return {
    factory: {
      provider: inner.provider,
      adapterName: inner.adapterName,
      connect: async () => track(await inner.connect()),
      connectToShadowDb: async () => track(await inner.connectToShadowDb()),
    },
    disposeAll: async () => {
      await Promise.allSettled(opened.splice(0).map((adapter) => adapter.dispose()));
    },
  };
}

/** The one place a provider picks its driver adapter factory (busyTimeoutMs is SQLite's lock wait). */
export function migrationAdapterFactory(
  provider: Provider,
  databaseUrl: string,
  root: string,
  busyTimeoutMs = 5000,
): MigrationAdapterFactory {
  switch (provider) {
    case 'sqlite':
      return sqliteFactory(databaseUrl, root, busyTimeoutMs);
    case 'postgresql':
      return postgresFactory(databaseUrl);
  }
}
