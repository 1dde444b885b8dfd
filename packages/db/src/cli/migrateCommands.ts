import type { MigrationList, SchemaEngine } from '@prisma/schema-engine-wasm/schema_engine_bg';
import { isMissingMigrationsTable } from './engineErrors';
import { readMigrationsList, writeMigration } from './migrationsList';

/** Everything a migrate command needs: the engine, where the migrations live, the target schema, and where to print. */
export interface MigrateContext {
  engine: SchemaEngine;
  migrationsDir: string;
  schemaPath: string;
  schemaText: string;
  log: (line: string) => void;
}

/** A refusal the user can act on (drift, bad name); printed without a stack trace. */
export class MigrateRefusal extends Error {
  override name = 'MigrateRefusal';
}

const filters = { externalTables: [], externalEnums: [] };

/** Quirk 2: on a fresh SQLite database, apply an empty list first so _prisma_migrations exists, then diagnose. */
async function devDiagnostic(ctx: MigrateContext, migrationsList: MigrationList) {
  try {
    return await ctx.engine.devDiagnostic({ migrationsList, filters });
  } catch (error) {
    if (!isMissingMigrationsTable(error)) throw error;
    await ctx.engine.applyMigrations({ migrationsList: { ...migrationsList, migrationDirectories: [] }, filters });
    return await ctx.engine.devDiagnostic({ migrationsList, filters });
  }
}

/**
 * Writes a new migration for the schema's changes (like `prisma migrate dev --create-only`); refuses on drift.
 * The wasm engine's createMigration cannot open a shadow database itself: it only reuses the schema that
 * devDiagnostic cached for the *applied* migrations. So the diff runs on `scratch`, a throwaway database with
 * every migration applied, and the development database is only checked for drift.
 */
export async function createMigration(
  dev: MigrateContext,
  scratch: MigrateContext,
  name: string,
): Promise<string | undefined> {
  if (!/^[A-Za-z0-9_-]+$/.test(name))
    throw new MigrateRefusal(`Migration name "${name}" must use letters, digits, _ or - only`);
  const migrationsList = await readMigrationsList(dev.migrationsDir);
  const diagnostic = await devDiagnostic(dev, migrationsList);
  if (diagnostic.action.tag === 'reset') {
    throw new MigrateRefusal(
      `Drift: the database does not match the migration history, so no migration was created.\n${diagnostic.action.reason}\n` +
        'Fix or delete the development database, run migrate:deploy, then retry.',
    );
  }
  await scratch.engine.applyMigrations({ migrationsList, filters });
  await scratch.engine.devDiagnostic({ migrationsList, filters }); // fills the engine's migration-schema cache
  const out = await scratch.engine.createMigration({
    draft: false,
    migrationName: name,
    schema: { files: [{ path: dev.schemaPath, content: dev.schemaText }] },
    migrationsList,
    filters,
  });
  if (out.migrationScript === null) {
    dev.log('No schema changes');
    return undefined;
  }
  await writeMigration(
    dev.migrationsDir,
    out.generatedMigrationName,
    out.migrationScript,
    out.extension,
    out.connectorType,
  );
  dev.log(`Created ${out.generatedMigrationName}/migration.${out.extension} (apply it with migrate:deploy)`);
  return out.generatedMigrationName;
}

/** Applies every pending migration in order (like `prisma migrate deploy`); returns the names applied. */
export async function deployMigrations(ctx: MigrateContext): Promise<string[]> {
  const migrationsList = await readMigrationsList(ctx.migrationsDir);
  if (migrationsList.migrationDirectories.length === 0) {
    ctx.log('No migrations found');
    return [];
  }
  const { appliedMigrationNames } = await ctx.engine.applyMigrations({ migrationsList, filters });
  for (const applied of appliedMigrationNames) ctx.log(`Applied ${applied}`);
  if (appliedMigrationNames.length === 0) ctx.log('No pending migrations');
  return appliedMigrationNames;
}

/** The database's migration state relative to the migrations folder. */
export interface MigrationStatus {
  total: number;
  pending: string[];
  failed: string[];
  edited: string[];
  /** applied to the database but absent from the folder */
  missingLocally: string[];
}

/** Reads the migration state without changing the database (like `prisma migrate status`). */
export async function migrationStatus(ctx: MigrateContext): Promise<MigrationStatus> {
  const migrationsList = await readMigrationsList(ctx.migrationsDir);
  const all = migrationsList.migrationDirectories.map((dir) => dir.path);
  const status: MigrationStatus = { total: all.length, pending: [], failed: [], edited: [], missingLocally: [] };
  let out;
  try {
    out = await ctx.engine.diagnoseMigrationHistory({ migrationsList, optInToShadowDatabase: false, filters });
  } catch (error) {
    if (!isMissingMigrationsTable(error)) throw error;
    return { ...status, pending: all }; // quirk 2: no history table yet, so nothing is applied
  }
  status.failed = out.failedMigrationNames;
  status.edited = out.editedMigrationNames;
  const history = out.history;
  if (!out.hasMigrationsTable) status.pending = all;
  else if (history?.diagnostic === 'databaseIsBehind') status.pending = history.unappliedMigrationNames;
  else if (history?.diagnostic === 'migrationsDirectoryIsBehind')
    status.missingLocally = history.unpersistedMigrationNames;
  else if (history?.diagnostic === 'historiesDiverge') {
    status.pending = history.unappliedMigrationNames;
    status.missingLocally = history.unpersistedMigrationNames;
  }
  return status;
}

/** Short plain lines describing a status, one fact per line. */
export function formatStatus(status: MigrationStatus): string[] {
  const lines = [`${status.total} migration(s) found`];
  if (status.pending.length) lines.push(`Pending: ${status.pending.join(', ')}`);
  if (status.failed.length) lines.push(`Failed: ${status.failed.join(', ')}`);
  if (status.edited.length) lines.push(`Edited after being applied: ${status.edited.join(', ')}`);
  if (status.missingLocally.length)
    lines.push(`Applied but missing from the folder: ${status.missingLocally.join(', ')}`);
  if (lines.length === 1) lines.push('Database schema is up to date');
  return lines;
}

/** 0 up to date, 1 only pending (deploy fixes it), 2 anything needing a human (failed, edited, missing locally). */
export function statusExitCode(status: MigrationStatus): number {
  if (status.failed.length || status.edited.length || status.missingLocally.length) return 2;
  return status.pending.length ? 1 : 0;
}
