// A private redis-server: its data in a project folder, on a loopback port.
import { mkdirSync } from 'node:fs';
import { startProcess, waitForPort } from './process.mjs';

/**
 * Starts redis-server on 127.0.0.1:port with its files in `dir`; with
 * `persistence` it saves on shutdown (a restart keeps the data), else a restart
 * starts empty. Returns its URL, pid, stop(), kill() and signal().
 */
export async function startRedis({ port, dir, persistence = false }) {
  mkdirSync(dir, { recursive: true });
  const args = [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--dir',
    dir,
    '--save',
    persistence ? '3600 1' : '',
    '--appendonly',
    'no',
    '--protected-mode',
    'yes',
  ];
  const server = startProcess('redis-server', args, { name: 'redis' });
  await Promise.race([
    waitForPort(port, { what: 'redis-server' }),
    server.exited.then(() => {
      throw new Error(`redis-server exited at start:\n${server.output()}`);
    }),
  ]);
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    pid: server.child.pid,
    stop: (graceMs) => server.stop(graceMs),
    kill: () => server.kill(),
    signal: (sig) => server.signal(sig),
  };
}
