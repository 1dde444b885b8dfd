// The React example app (examples/react-next) as a third-party site: it installs
// the PACKED @quoteline/react tarball (never the workspace link), is built with
// next build and served with next start on another origin than Quoteline.
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './root';

const example = join(ROOT, 'examples', 'react-next');
const packs = join(ROOT, '.data', 'react-example');

// Imported at run time: Playwright's loader would compile the .mjs scripts as CommonJS.
const lib = () => import('../../scripts/lib.mjs');
const processes = () => import('../../scripts/servers/process.mjs');

/**
 * Packs the package (built by `npm run build`; built here when dist is missing),
 * installs the tarball into the example's own node_modules offline (it has no
 * dependencies; next, react and react-dom resolve from the repository's), and builds the example.
 */
export async function buildReactExample(): Promise<void> {
  const { bin, run, QUIET_ENV } = await lib();
  if (!existsSync(join(ROOT, 'widgets', 'react', 'dist', 'index.js')))
    await run('npm', ['run', 'build', '-w', '@quoteline/react']);
  rmSync(packs, { recursive: true, force: true });
  mkdirSync(packs, { recursive: true });
  await run('npm', ['pack', '-w', '@quoteline/react', '--pack-destination', packs, '--silent']);
  const tarball = readdirSync(packs).find((f) => f.endsWith('.tgz'));
  if (!tarball) throw new Error('npm pack wrote no tarball');
  rmSync(join(example, 'node_modules'), { recursive: true, force: true });
  rmSync(join(example, '.next'), { recursive: true, force: true });
  await run(
    'npm',
    [
      'install',
      '--no-save',
      '--no-package-lock',
      '--offline',
      '--legacy-peer-deps',
      '--ignore-scripts',
      '--no-audit',
      '--no-fund',
      join(packs, tarball),
    ],
    { cwd: example },
  );
  await run(bin('next'), ['build'], { cwd: example, env: { ...QUIET_ENV, NEXT_TELEMETRY_DISABLED: '1' } });
}

/** Serves the built example on loopback; `quoteline` and `key` are read per request. */
export async function startReactExample(options: {
  quoteline: string;
  key: string;
}): Promise<{ url: string; stop(): Promise<void> }> {
  const { bin, QUIET_ENV } = await lib();
  const { freePort, startProcess, waitForPort } = await processes();
  const port = await freePort();
  const server = startProcess(bin('next'), ['start', '-H', '127.0.0.1', '-p', String(port)], {
    cwd: example,
    env: { ...QUIET_ENV, QUOTELINE_URL: options.quoteline, QUOTELINE_KEY: options.key },
    name: 'react example',
  });
  await waitForPort(port, { timeoutMs: 60_000, what: 'the React example' });
  return { url: `http://localhost:${port}`, stop: () => server.stop() };
}
