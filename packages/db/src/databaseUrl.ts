import { join } from 'node:path';
import type { Provider } from './paths';
import { isPostgresUrl } from './postgresUrl';
import { repoRoot } from './repoRoot';

/** DATABASE_URL, or the repo's default SQLite file, so every process (app, migrate, seed) finds the same database. */
export function resolveDatabaseUrl(env: Record<string, string | undefined> = process.env): string {
  const url = env.DATABASE_URL?.trim();
  return url ? url : `file:${join(repoRoot(), '.data', 'quoteline.db')}`;
}

/** The database a URL names, by its scheme: `file:` is SQLite, `postgres://` / `postgresql://` PostgreSQL. */
export function providerOf(databaseUrl: string): Provider {
  if (databaseUrl.startsWith('file:')) return 'sqlite';
  if (isPostgresUrl(databaseUrl)) return 'postgresql';
  const scheme = /^[a-z][a-z0-9+.-]*:/i.exec(databaseUrl)?.[0] ?? databaseUrl;
  throw new Error(`DATABASE_URL must start with "file:" (SQLite) or "postgresql://" (PostgreSQL), not "${scheme}"`);
}

/** The URL with its password masked, for log lines. */
export function redactPassword(databaseUrl: string): string {
  return databaseUrl.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/?#@]*:)[^@/?#]*@/i, '$1***@');
}
