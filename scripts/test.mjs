// `npm test`: set up what is missing (chromium included), then run every
// suite: checks (lint, types, schema drift, formatting), unit, integration (on SQLite, then
// the database-heavy suites again on a private PostgreSQL), the Redis parts
// against a real redis-server, the scaled shape (nginx + instances), end-to-end.
// Ends with one line totalling all suites: `N passed, N failed`.
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { at, bin, QUIET_ENV } from './lib.mjs';
import { requireSupportedNode } from './nodeVersion.mjs';
import { setup } from './setup.mjs';

requireSupportedNode();

const results = at('.data', 'test-results');
const env = { ...QUIET_ENV, FORCE_COLOR: '0' };

function exec(command, args, extraEnv = {}) {
  return new Promise((done) => {
    const child = spawn(command, args, { cwd: at(), env: { ...env, ...extraEnv }, stdio: 'inherit' });
    child.on('exit', (code) => done(code ?? 1));
    child.on('error', () => done(1));
  });
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

const suites = [];
function record(name, passed, failed) {
  suites.push({ name, passed, failed });
  console.log(`\n== ${name}: ${passed} passed, ${failed} failed\n`);
}

async function checks() {
  let passed = 0;
  let failed = 0;
  for (const [name, command, args] of [
    ['lint', bin('turbo'), ['run', 'lint', '--output-logs=errors-only']],
    ['typecheck', bin('turbo'), ['run', 'typecheck', '--output-logs=errors-only']],
    [
      'lint and typecheck of tests, scripts and benchmarks',
      'sh',
      ['-c', `${bin('eslint')} scripts tests bench widgets/embed/demo && ${bin('tsc')} -p tsconfig.json`],
    ],
    ['prisma schemas derived from prisma/models.prisma', 'npm', ['run', 'schemas:check', '-w', '@quoteline/db']],
    ['formatting (prettier --check)', bin('prettier'), ['--check', '.', '--log-level', 'warn']],
  ]) {
    console.log(`-- ${name}`);
    if ((await exec(command, args)) === 0) passed++;
    else {
      failed++;
      console.log(`   FAILED: ${name}`);
    }
  }
  record('checks', passed, failed);
}

async function vitest(project) {
  const output = at('.data', 'test-results', `${project}.json`);
  rmSync(output, { force: true });
  const code = await exec(bin('vitest'), [
    'run',
    '--config',
    'vitest.config.mts',
    '--project',
    project,
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${output}`,
  ]);
  const report = readJson(output);
  if (!report) return record(project, 0, 1);
  record(project, report.numPassedTests, report.numFailedTests + (code !== 0 && report.numFailedTests === 0 ? 1 : 0));
}

async function e2e() {
  const output = at('.data', 'test-results', 'e2e.json');
  rmSync(output, { force: true });
  const code = await exec(bin('playwright'), ['test'], { PLAYWRIGHT_JSON_OUTPUT: output });
  const report = readJson(output);
  if (!report?.stats) return record('end-to-end', 0, 1);
  const { expected = 0, unexpected = 0, flaky = 0 } = report.stats;
  record('end-to-end', expected, unexpected + flaky + (code !== 0 && unexpected === 0 ? 1 : 0));
}

const started = Date.now();
try {
  await setup({ browser: true });
} catch (error) {
  console.error(`\nSetup failed: ${error.message}`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}
mkdirSync(results, { recursive: true });

await checks();
await vitest('unit');
await vitest('integration');
await vitest('integration-pg');
await vitest('redis');
await vitest('scaled');

await e2e();

const passed = suites.reduce((s, r) => s + r.passed, 0);
const failed = suites.reduce((s, r) => s + r.failed, 0);
console.log(suites.map((s) => `${s.name}: ${s.passed} passed, ${s.failed} failed`).join('\n'));
console.log(
  `(all suites in ${Math.round((Date.now() - started) / 1000)} s; screenshots in .data/test-results/screens)`,
);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && existsSync(results) ? 0 : 1);
