import { mkdirSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Turns a `file:` DATABASE_URL into a filesystem path; relative paths resolve against `root` (the repo root), not the cwd. */
export function sqliteFilePath(databaseUrl: string, root: string): string {
  if (databaseUrl.startsWith('file://')) return fileURLToPath(databaseUrl.split('?')[0]!);
  if (!databaseUrl.startsWith('file:')) {
    throw new Error(`DATABASE_URL for SQLite must start with "file:" (got "${databaseUrl}")`);
  }
  const path = databaseUrl.slice('file:'.length).split('?')[0]!;
  if (path === '') throw new Error('DATABASE_URL "file:" names no file');
  if (path === ':memory:' || isAbsolute(path)) return path;
  return resolve(root, path);
}

/** Creates the folder a SQLite file lives in, because SQLite creates files but not folders. */
export function ensureDatabaseFolder(path: string): void {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
}
