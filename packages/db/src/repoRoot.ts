import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Walks up from `start` to the folder holding turbo.json; undefined when none. */
export function findRepoRoot(start: string): string | undefined {
  let dir = resolve(start);
  for (;;) {
    if (existsSync(join(dir, 'turbo.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** The monorepo root, so relative sqlite paths mean the same thing from every package and bundler. */
export function repoRoot(): string {
  // cwd first: bundlers (Next.js) may relocate this module; then this file's own location.
  const here = dirname(fileURLToPath(import.meta.url));
  const root = findRepoRoot(process.cwd()) ?? findRepoRoot(here);
  if (!root)
    throw new Error(`Cannot find the repo root (a folder holding turbo.json) above ${process.cwd()} or ${here}`);
  return root;
}
