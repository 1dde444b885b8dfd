import { parseArgs } from 'node:util';
import { parseProvider, type Provider } from '../paths';

/** A parsed migrate command line. */
export type MigrateArgs =
  { command: 'create'; name: string; provider: Provider } | { command: 'deploy' | 'status'; provider: Provider };

/** The usage line, printed on bad arguments. */
export const migrateUsage =
  'Usage: migrate <create <name> | deploy | status> (the database and its provider come from DATABASE_URL)';

/**
 * Parses `create <name> | deploy | status`, throwing a usage message on anything else. The provider is the one
 * DATABASE_URL names; `--provider` may only repeat it (a SQLite URL cannot take PostgreSQL migrations).
 */
export function parseMigrateArgs(argv: string[], urlProvider: Provider): MigrateArgs {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { provider: { type: 'string' } },
  });
  const provider = values.provider === undefined ? urlProvider : parseProvider(values.provider);
  if (provider !== urlProvider)
    throw new Error(`--provider ${provider} does not match DATABASE_URL, which names a ${urlProvider} database`);
  const [command, name, ...rest] = positionals;
  if (command === 'create' && name && rest.length === 0) return { command, name, provider };
  if ((command === 'deploy' || command === 'status') && name === undefined) return { command, provider };
  throw new Error(migrateUsage);
}
