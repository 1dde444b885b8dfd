// `npm run start:scaled`: the scaled shape on this machine (PostgreSQL, Redis,
// N app instances, nginx with HTTP/2 + TLS), all private, on loopback, stopped on Ctrl-C.
// Environment: INSTANCES (3), PORT (8443).
import { at } from './lib.mjs';
import { portIsFree } from './servers/process.mjs';
import { setup } from './setup.mjs';
import { startScaledShape } from './scaled/shape.mjs';

const instances = Number(process.env.INSTANCES ?? 3);
const listen = Number(process.env.PORT ?? 8443);

// Checked first: setup and the servers take a while before nginx would find it taken.
if (!(await portIsFree(listen, '127.0.0.1'))) {
  console.error(`\nPort ${listen} is in use (a scaled shape still running, or another program).`);
  console.error(`See what holds it with: ss -ltnp 'sport = :${listen}'   or use another port: PORT=${listen + 1} npm run start:scaled`);
  process.exit(1);
}

try {
  await setup({ skipDatabase: true });
} catch (error) {
  console.error(`\nSetup failed: ${error.message}`);
  process.exit(1);
}

console.log('\nStarting the scaled shape …');
let shape;
try {
  shape = await startScaledShape({
    instances,
    listen,
    dataDir: at('.data', 'scaled'),
    progress: (n, total, title) => console.log(`[${n}/${total}] ${title} …`),
  });
} catch (error) {
  console.error(`\nStarting failed: ${error.message}`);
  process.exit(1);
}

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  console.log('\nStopping nginx, the app instances, Redis and PostgreSQL …');
  await shape.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

console.log(`\n  Quoteline (scaled) is running: ${shape.url}\n`);
console.log(`  ${shape.apps.length} instances: ${shape.apps.map((a) => `${a.name} ${a.url}`).join(', ')}`);
console.log(`  PostgreSQL ${shape.postgres.url.replace(/:[^:@/]*@/, ':…@')}   Redis ${shape.redis.url}`);
console.log(`  Logs: .data/scaled/logs/app-N.log, nginx in .data/scaled/nginx/`);
console.log('  The certificate is self-signed for localhost: accept it in the browser, or use curl -k.');
console.log('\n  Demo accounts: trader@example.com / quoteline-trader, admin@example.com / quoteline-admin');
console.log('\n  Press Ctrl-C to stop everything.\n');
