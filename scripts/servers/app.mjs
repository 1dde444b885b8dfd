// One built Quoteline app instance (`next start`) as a process on loopback.
import { at, bin, QUIET_ENV } from '../lib.mjs';
import { ensurePortFree, startProcess } from './process.mjs';

/**
 * Starts an instance on `port` with extra environment (named `name` in
 * `ready` and health when given, else the app's own default); resolves once it
 * is ready (/api/health/ready: its database and, when scaled, Redis answer)
 * and, when named, answers under that name: never for another server on the port.
 * @param {{ name?: string, port: number, env?: Record<string, string | undefined>, timeoutMs?: number, logFile?: string }} options
 */
export async function startAppInstance({ name, port, env = {}, timeoutMs = 60_000, logFile }) {
  const label = name ?? `app on port ${port}`;
  await ensurePortFree(port, label);
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
    let answer = null;
    try {
      const response = await fetch(`${url}/api/health/ready`);
      if (response.ok) answer = await response.json();
    } catch {
      // not listening yet
    }
    if (answer && name && answer.instance !== name) {
      await server.stop();
      throw new Error(`port ${port} answers as instance "${answer.instance}", not ${label}: another server holds it`);
    }
    if (answer) break;
    if (Date.now() > deadline) {
      await server.stop();
      throw new Error(`${label} was not ready within ${timeoutMs / 1000} s:\n${server.output()}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    name: label,
    port,
    url,
    child: server.child,
    pid: server.child.pid,
    stop: (graceMs) => server.stop(graceMs),
    kill: () => server.kill(),
  };
}
