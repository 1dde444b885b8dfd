// The Node.js check every entry script (start, start:scaled, test, setup) makes
// first: on another Node, setup fails much later with errors that do not say
// why (Prisma's "External error" on Node 18). Node built-ins only.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './lib.mjs';

const parts = (version) =>
  version
    .replace(/^v/, '')
    .split('.')
    .map((p) => Number.parseInt(p, 10) || 0);

function compare(a, b) {
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < 3; i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0);
  return 0;
}

const TESTS = { '>=': (c) => c >= 0, '>': (c) => c > 0, '<=': (c) => c <= 0, '<': (c) => c < 0, '=': (c) => c === 0 };

/**
 * Whether `version` satisfies `range`, written as package.json `engines` ranges
 * usually are: comparators (`>=20.19 <23`, `=20.11.1`, `20`) joined by spaces
 * (all must hold) and `||` (either side). Throws on anything else (`^`, `~`, `x`).
 */
export function satisfies(version, range) {
  return range.split('||').some((set) =>
    set
      .trim()
      .split(/\s+/)
      .every((comparator) => {
        const m = /^(>=|<=|>|<|=)?v?(\d+(?:\.\d+){0,2})$/.exec(comparator);
        if (!m) throw new Error(`unsupported engines range "${range}" (use comparators such as ">=20.19 <23")`);
        return TESTS[m[1] ?? '='](compare(version, m[2]));
      }),
  );
}

/** The `engines.node` range of the project's package.json. */
export function requiredNodeRange() {
  return JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).engines.node;
}

/** A message saying which Node.js is needed when `version` is not it, else null. */
export function nodeVersionProblem(version = process.versions.node, range = requiredNodeRange()) {
  if (satisfies(version, range)) return null;
  return [
    `Quoteline needs Node.js ${range} (package.json "engines"); this is Node.js ${version}.`,
    'Install a Node.js in that range and run the command again.',
  ].join('\n');
}

/** Exits with the message when this Node.js is not one the project runs on; call it before anything else. */
export function requireSupportedNode() {
  const problem = nodeVersionProblem();
  if (!problem) return;
  console.error(`\n${problem}`);
  process.exit(1);
}
