// Small helpers shared by setup, start and test. Node built-ins only: these
// scripts run before `npm ci` has installed anything.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repo root. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Environment every step runs with: no telemetry, no surprise downloads. */
export const QUIET_ENV = {
  ...process.env,
  TURBO_TELEMETRY_DISABLED: '1',
  NEXT_TELEMETRY_DISABLED: '1',
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1',
  PRISMA_HIDE_UPDATE_MESSAGE: '1',
};

/** sha256 of files' contents, to tell whether a finished step must run again. */
export function hashFiles(paths) {
  const hash = createHash('sha256');
  for (const p of paths) hash.update(existsSync(p) ? readFileSync(p) : 'missing:' + p);
  return hash.digest('hex');
}

/** Reads a stamp file (null when absent). */
export function readStamp(path) {
  return existsSync(path) ? readFileSync(path, 'utf8').trim() : null;
}

/** Writes a stamp file, creating its folder. */
export function writeStamp(path, value) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, value + '\n');
}

/**
 * Runs a command, showing a heartbeat every 15 s so long steps visibly
 * progress; output is kept and shown only on failure (or always with `verbose`).
 */
export function run(command, args, { cwd = ROOT, env = QUIET_ENV, verbose = false } = {}) {
  return new Promise((done, fail) => {
    const started = Date.now();
    const child = spawn(command, args, { cwd, env, stdio: verbose ? 'inherit' : ['ignore', 'pipe', 'pipe'] });
    let output = '';
    if (!verbose) {
      child.stdout.on('data', (d) => (output += d));
      child.stderr.on('data', (d) => (output += d));
    }
    const heartbeat = setInterval(() => {
      process.stdout.write(`      … still working (${Math.round((Date.now() - started) / 1000)} s)\n`);
    }, 15_000);
    child.on('error', (error) => {
      clearInterval(heartbeat);
      fail(error);
    });
    child.on('exit', (code, signal) => {
      clearInterval(heartbeat);
      if (code === 0) return done(output);
      const tail = output.split('\n').slice(-60).join('\n');
      fail(new Error(`${command} ${args.join(' ')} failed (${signal ?? 'exit ' + code})\n${tail}`));
    });
  });
}

/**
 * Applies the migrations to the database `env.DATABASE_URL` names and seeds it
 * (the demo feed with its simulated past, the demo accounts); `seedArgs` such as
 * `--no-demo-history` go to the seed. Setup, the scaled shape and the tests' app
 * servers all prepare a database this way.
 */
export async function migrateAndSeed(env, seedArgs = []) {
  await run(bin('tsx'), ['packages/db/src/cli/migrate.ts', 'deploy'], { env });
  await run(bin('tsx'), ['packages/platform/src/cli/seed.ts', ...seedArgs], { env });
}

/** Runs one numbered setup step with its timing; `skip` returns a reason to skip, or null. */
export async function step(index, total, title, { skip, work }) {
  const label = `[${index}/${total}] ${title}`;
  const reason = skip ? await skip() : null;
  if (reason) {
    console.log(`${label}: skipped (${reason})`);
    return;
  }
  console.log(`${label} …`);
  const started = Date.now();
  await work();
  console.log(`${label}: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** A path under the repo root. */
export const at = (...parts) => join(ROOT, ...parts);

/** A tool installed in the root node_modules/.bin. */
export const bin = (name) => at('node_modules', '.bin', name);
