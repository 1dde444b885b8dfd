import { parseArgs } from 'node:util';
import { parseProvider, type Provider } from '../paths';

/** A parsed migrate command line. */
export type MigrateArgs =
  | { command: 'create'; name: string; provider: Provider }
  | { command: 'deploy' | 'status'; provider: Provider };

/** The usage line, printed on bad arguments. */
export const migrateUsage = 'Usage: migrate <create <name> | deploy | status> [--provider sqlite|postgresql]';

/** Parses `create <name> | deploy | status [--provider p]`, throwing a usage message on anything else. */
export function parseMigrateArgs(argv: string[]): MigrateArgs {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { provider: { type: 'string', default: 'sqlite' } },
  });
  const provider = parseProvider(values.provider);
  const [command, name, ...rest] = positionals;
  if (command === 'create' && name && rest.length === 0) return { command, name, provider };
  if ((command === 'deploy' || command === 'status') && name === undefined) return { command, provider };
  throw new Error(migrateUsage);
}
