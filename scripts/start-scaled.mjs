// `npm run start:scaled`: the scaled shape on this machine (PostgreSQL, Redis,
// N app instances, nginx with HTTP/2 + TLS), all private, on loopback, stopped on Ctrl-C.
// Environment: INSTANCES (3), PORT (nginx, 8443), SCALED_DIR (the run's data
// folder, .data/scaled), and SCALED_APP_PORTS (comma-separated), SCALED_REDIS_PORT,
// SCALED_POSTGRES_PORT (free ports when unset).
import { relative, resolve } from 'node:path';
import { at } from './lib.mjs';
import { requireSupportedNode } from './nodeVersion.mjs';
import { portIsFree } from './servers/process.mjs';
import { setup } from './setup.mjs';
import { folderHolder } from './scaled/lock.mjs';
import { startScaledShape } from './scaled/shape.mjs';

requireSupportedNode();

function fail(lines) {
  console.error(`\n${lines.join('\n')}`);
  process.exit(1);
}

/** The port in `value` (of variable `name`), undefined when unset; exits with a message when it is no port. */
function port(name, value = process.env[name]) {
  if (value === undefined || value.trim() === '') return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 65535)
    fail([`${name}=${process.env[name]} is not a port number (1-65535) or a list of them.`]);
  return n;
}

const listen = port('PORT') ?? 8443;
const appPorts = process.env.SCALED_APP_PORTS?.split(',').map((value) => port('SCALED_APP_PORTS', value));
const instances = Number(process.env.INSTANCES ?? appPorts?.length ?? 3);
if (!Number.isInteger(instances) || instances < 1)
  fail([`INSTANCES=${process.env.INSTANCES} is not a positive whole number.`]);
if (appPorts && appPorts.length !== instances)
  fail([`SCALED_APP_PORTS names ${appPorts.length} ports for ${instances} instances.`]);
const dataDir = process.env.SCALED_DIR ? resolve(process.env.SCALED_DIR) : at('.data', 'scaled');
const shownDir = relative(process.cwd(), dataDir).startsWith('..') ? dataDir : relative(process.cwd(), dataDir) || '.';

// Checked first: setup and the servers take a while. The data folder is one run's (its PostgreSQL, Redis, nginx).
const holder = folderHolder(dataDir);
if (holder) {
  fail([
    `Another scaled shape is running on ${shownDir} (pid ${holder.pid}, ${holder.url}, since ${holder.started}); this one would break it.`,
    `Use that one, stop it first (Ctrl-C in its terminal, or: kill ${holder.pid}),`,
    `or run a second one apart, with its own data folder and port: SCALED_DIR=${shownDir}-2 PORT=${listen + 1} npm run start:scaled`,
  ]);
}
if (!(await portIsFree(listen, '127.0.0.1'))) {
  fail([
    `Port ${listen} is in use (a scaled shape still running, or another program).`,
    `See what holds it with: ss -ltnp 'sport = :${listen}'   or use another port and data folder: SCALED_DIR=${shownDir}-2 PORT=${listen + 1} npm run start:scaled`,
  ]);
}

try {
  await setup({ skipDatabase: true });
} catch (error) {
  fail([`Setup failed: ${error.message}`]);
}

console.log('\nStarting the scaled shape …');
let shape;
try {
  shape = await startScaledShape({
    instances,
    listen,
    appPorts,
    redisPort: port('SCALED_REDIS_PORT'),
    postgresPort: port('SCALED_POSTGRES_PORT'),
    dataDir,
    progress: (n, total, title) => console.log(`[${n}/${total}] ${title} …`),
  });
} catch (error) {
  fail([`Starting failed: ${error.message}`]);
}

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  console.log('\nStopping nginx, the app instances, Redis and PostgreSQL …');
  await shape.stop();
  process.exit(0);
};
// Every server runs in a group of its own; closing the terminal (SIGHUP) must stop them as Ctrl-C does.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, stop);

console.log(`\n  Quoteline (scaled) is running: ${shape.url}\n`);
console.log(`  ${shape.apps.length} instances: ${shape.apps.map((a) => `${a.name} ${a.url}`).join(', ')}`);
console.log(`  PostgreSQL ${shape.postgres.url.replace(/:[^:@/]*@/, ':…@')}   Redis ${shape.redis.url}`);
console.log(`  Data and logs in ${shownDir}: logs/app-N.log, nginx/`);
console.log('  The certificate is self-signed for localhost: accept it in the browser, or use curl -k.');
console.log('\n  Demo accounts: trader@example.com / quoteline-trader, admin@example.com / quoteline-admin');
console.log('\n  Press Ctrl-C to stop everything.\n');
