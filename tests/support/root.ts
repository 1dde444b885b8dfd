import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** The repo root: test runners start at or below it (works under both vitest and Playwright's loader). */
export const ROOT = (() => {
  for (let dir = resolve(process.cwd()); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'turbo.json'))) return dir;
    if (dirname(dir) === dir) throw new Error('run the tests from inside the Quoteline repo');
  }
})();
