import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findRepoRoot, repoRoot } from './repoRoot';
import { tempDir } from './tempDir';

describe('findRepoRoot', () => {
  it('walks up to the folder holding turbo.json', () => {
    const root = tempDir('root');
    writeFileSync(join(root, 'turbo.json'), '{}');
    mkdirSync(join(root, 'a', 'b'), { recursive: true });
    expect(findRepoRoot(join(root, 'a', 'b'))).toBe(root);
  });

  it('finds this monorepo', () => {
    expect(findRepoRoot(repoRoot())).toBe(repoRoot());
  });
});
