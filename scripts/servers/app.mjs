// One built Quoteline app instance (`next start`) as a process on loopback.
import { at, bin, QUIET_ENV } from '../lib.mjs';
import { startProcess } from './process.mjs';

/** Starts an instance named `name` on `port` with extra environment; resolves once /api/health answers. */
export async function startAppInstance({ name, port, env = {}, timeoutMs = 60_000, logFile }) {
  const server = startProcess(bin('next'), ['start', '-H', '127.0.0.1', '-p', String(port)], {
    cwd: at('apps', 'web'),
    env: { ...QUIET_ENV, QUOTELINE_INSTANCE: name, ...env },
    name,
    logFile,
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (server.child.exitCode !== null) throw new Error(`${name} exited at start:\n${server.output()}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${name} was not healthy within ${timeoutMs / 1000} s:\n${server.output()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return { name, port, url, pid: server.child.pid, output: server.output, exited: server.exited, stop: () => server.stop(), kill: () => server.kill() };
}
