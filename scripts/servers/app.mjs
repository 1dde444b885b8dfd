// One built Quoteline app instance (`next start`) as a process on loopback.
import { at, bin, QUIET_ENV } from '../lib.mjs';
import { startProcess } from './process.mjs';

/**
 * Starts an instance on `port` with extra environment (named `name` in
 * `ready` and health when given, else the app's own default); resolves once it
 * is ready (/api/health/ready: its database and, when scaled, Redis answer).
 * @param {{ name?: string, port: number, env?: Record<string, string | undefined>, timeoutMs?: number, logFile?: string }} options
 */
export async function startAppInstance({ name, port, env = {}, timeoutMs = 60_000, logFile }) {
  const label = name ?? `app on port ${port}`;
  const server = startProcess(bin('next'), ['start', '-H', '127.0.0.1', '-p', String(port)], {
    cwd: at('apps', 'web'),
    env: { ...QUIET_ENV, ...(name ? { QUOTELINE_INSTANCE: name } : {}), ...env },
    name: label,
    logFile,
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (server.child.exitCode !== null) throw new Error(`${label} exited at start:\n${server.output()}`);
    try {
      if ((await fetch(`${url}/api/health/ready`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${label} was not ready within ${timeoutMs / 1000} s:\n${server.output()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return { name: label, port, url, child: server.child, pid: server.child.pid, stop: (graceMs) => server.stop(graceMs), kill: () => server.kill() };
}
