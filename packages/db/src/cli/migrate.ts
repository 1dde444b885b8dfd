// Our own `prisma migrate` (create/deploy/status) over Prisma's wasm schema engine and the app's driver adapter; see /work/shared/PRISMA.md.
import { relative } from 'node:path';
import { providerOf, redactPassword, resolveDatabaseUrl } from '../databaseUrl';
import { providerPaths } from '../paths';
import { repoRoot } from '../repoRoot';
import { explainEngineError } from './engineErrors';
import { parseMigrateArgs } from './migrateArgs';
import {
  createMigration,
  deployMigrations,
  formatStatus,
  MigrateRefusal,
  migrationStatus,
  statusExitCode,
} from './migrateCommands';
import { openMigrateContext, openScratchContext, type OpenMigrateContext } from './migrateContext';

async function main(): Promise<number> {
  const databaseUrl = resolveDatabaseUrl();
  const args = parseMigrateArgs(process.argv.slice(2), providerOf(databaseUrl));
  const root = repoRoot();
  const log = (line: string) => console.log(line);
  log(
    `${args.command}: ${relative(root, providerPaths(args.provider, root).migrationsDir)} -> ${redactPassword(databaseUrl)}`,
  );
  let ctx: OpenMigrateContext | undefined;
  let scratch: OpenMigrateContext | undefined;
  try {
    ctx = await openMigrateContext({ provider: args.provider, databaseUrl, root, log });
    if (args.command === 'create') {
      scratch = await openScratchContext({ provider: args.provider, databaseUrl, root, log });
      await createMigration(ctx, scratch, args.name);
      return 0;
    }
    if (args.command === 'deploy') {
      await deployMigrations(ctx);
      return 0;
    }
    const status = await migrationStatus(ctx);
    formatStatus(status).forEach(log);
    return statusExitCode(status);
  } catch (error) {
    if (error instanceof MigrateRefusal) console.error(error.message);
    else console.error(`${args.command} failed: ${explainEngineError(error, [ctx?.errors, scratch?.errors])}`);
    return 1;
  } finally {
    await ctx?.close();
    await scratch?.close();
  }
}

// Quirk 5: the engine never disposes the main adapter, so exit explicitly.
main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
