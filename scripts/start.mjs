// `npm start`: set up what is missing, then run the platform on the embedded
// default (SQLite + in-process bus, seeded demo feed) at http://localhost:3000.
import { spawn } from 'node:child_process';
import { at, bin, QUIET_ENV } from './lib.mjs';
import { requireSupportedNode } from './nodeVersion.mjs';
import { portIsFree } from './servers/process.mjs';
import { setup } from './setup.mjs';

requireSupportedNode();

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '127.0.0.1';

// Checked first: setup can take minutes on a fresh machine.
if (!(await portIsFree(port, host))) {
  console.error(`\nPort ${port} is in use (another Quoteline still running, or another program).`);
  console.error(
    `See what holds it with: ss -ltnp 'sport = :${port}'   or start on another port: PORT=${port + 1} npm start`,
  );
  process.exit(1);
}

try {
  await setup();
} catch (error) {
  console.error(`\nSetup failed: ${error.message}`);
  process.exit(1);
}

console.log(`\nStarting Quoteline on http://localhost:${port} …`);
// detached: the server and its child next-server form one process group we can stop together.
const server = spawn(bin('next'), ['start', '-H', host, '-p', String(port)], {
  cwd: at('apps', 'web'),
  env: QUIET_ENV,
  stdio: 'inherit',
  detached: true,
});

const stop = (signal) => {
  try {
    process.kill(-server.pid, signal);
  } catch {
    // already stopped
  }
};
// The server runs in a group of its own, so the terminal's signals reach only us: pass them on. SIGHUP is the
// terminal closing; left alone it would end this launcher and leave the server serving.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => stop('SIGTERM'));
server.on('exit', (code) => process.exit(code ?? 0));

const url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
for (let i = 0; i < 300; i++) {
  await new Promise((r) => setTimeout(r, 200));
  try {
    if ((await fetch(`${url}/api/health/ready`)).ok) {
      console.log(`\n  Quoteline is running: http://localhost:${port}\n`);
      console.log('  Trader page   http://localhost:' + port + '/');
      console.log('  Stream        http://localhost:' + port + '/api/stream?topics=feed:demo');
      console.log('  Admin         http://localhost:' + port + '/admin');
      console.log('\n  Demo accounts (local demo only):');
      console.log('    trader@example.com / quoteline-trader   (trader, 100,000.00 cash)');
      console.log('    admin@example.com  / quoteline-admin    (admin)');
      console.log('  Embed demo: npm run embed:demo  (key pk_demo_localhost_only)');
      console.log('\n  Press Ctrl-C to stop.\n');
      break;
    }
  } catch {
    // not up yet
  }
}
