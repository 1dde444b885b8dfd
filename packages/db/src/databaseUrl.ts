import { join } from 'node:path';
import { repoRoot } from './repoRoot';

/** DATABASE_URL, or the repo's default SQLite file, so every process (app, migrate, seed) finds the same database. */
export function resolveDatabaseUrl(env: Record<string, string | undefined> = process.env): string {
  const url = env.DATABASE_URL?.trim();
  return url ? url : `file:${join(repoRoot(), '.data', 'quoteline.db')}`;
}
