import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// docs/architecture.md draws who depends on whom; this keeps the drawing true.
const root = join(import.meta.dirname, '..');

function dependencies(): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const group of ['apps', 'packages', 'widgets'])
    for (const dir of readdirSync(join(root, group))) {
      const file = join(root, group, dir, 'package.json');
      if (!existsSync(file)) continue;
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as {
        name: string;
        dependencies?: Record<string, string>;
        peerDependencies?: Record<string, string>;
      };
      const deps = Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies }).filter((d) =>
        d.startsWith('@quoteline/'),
      );
      out.set(pkg.name.slice('@quoteline/'.length), deps.map((d) => d.slice('@quoteline/'.length)).sort());
    }
  return out;
}

function drawn(): Map<string, string[]> {
  const doc = readFileSync(join(root, 'docs', 'architecture.md'), 'utf8');
  const block = /<!-- package-diagram -->\s*```\n([\s\S]*?)```\s*<!-- \/package-diagram -->/.exec(doc)?.[1] ?? '';
  const out = new Map<string, string[]>();
  for (const line of block.trim().split('\n')) {
    const [from, to] = line.split(/\s*─*▶\s*/);
    out.set(
      from!.replace(/─+$/, '').trim(),
      to!.trim() === '(none)'
        ? []
        : to!
            .split(',')
            .map((t) => t.trim())
            .sort(),
    );
  }
  return out;
}

describe('the package diagram in docs/architecture.md', () => {
  it('names every package with exactly its @quoteline dependencies', () => {
    expect(Object.fromEntries(drawn())).toEqual(Object.fromEntries(dependencies()));
  });
});
