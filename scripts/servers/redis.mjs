// A private redis-server: its data in a project folder, on a loopback port.
import { mkdirSync } from 'node:fs';
import { startProcess, waitForPort } from './process.mjs';

/** Starts redis-server on 127.0.0.1:port with its files in `dir`; returns its URL and stop(). */
export async function startRedis({ port, dir }) {
  mkdirSync(dir, { recursive: true });
  const server = startProcess('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no', '--protected-mode', 'yes'], { name: 'redis' });
  await Promise.race([
    waitForPort(port, { what: 'redis-server' }),
    server.exited.then(() => {
      throw new Error(`redis-server exited at start:\n${server.output()}`);
    }),
  ]);
  return { url: `redis://127.0.0.1:${port}`, port, stop: () => server.stop(), kill: () => server.kill() };
}
