// Starting and stopping the private servers (nginx, Redis, PostgreSQL, app
// instances) the scaled shape and its tests run: plain processes on loopback.
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { connect, createServer } from 'node:net';

/**
 * True when nothing listens on `port` of `host` right now (a listen there succeeds).
 * @param {number} port
 * @param {string} [host]
 * @returns {Promise<boolean>}
 */
export function portIsFree(port, host = '127.0.0.1') {
  return new Promise((done) => {
    const server = createServer();
    server.once('error', () => done(false));
    server.listen(port, host, () => server.close(() => done(true)));
  });
}

/**
 * A free TCP port on loopback, chosen by the system.
 * @returns {Promise<number>}
 */
export function freePort() {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => done(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * `count` distinct free TCP ports on loopback: all held at once while the
 * system picks them, so none repeats.
 * @param {number} count
 * @returns {Promise<number[]>}
 */
export async function freePorts(count) {
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise((done, fail) => {
          const server = createServer();
          server.once('error', fail);
          server.listen(0, '127.0.0.1', () => done(server));
        }),
    ),
  );
  const ports = servers.map((server) => server.address().port);
  await Promise.all(servers.map((server) => new Promise((done) => server.close(done))));
  return ports;
}

/** Whether a process with this pid exists (EPERM: it does, run by another user). */
export function processAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

/** Throws a clear error when `port` is taken: a server of ours must not start where another one answers. */
export async function ensurePortFree(port, what) {
  if (!(await portIsFree(port)))
    throw new Error(`${what}: port ${port} is in use (another run, or another program: ss -ltnp 'sport = :${port}')`);
}

/** Resolves once something accepts TCP connections on 127.0.0.1:port; rejects after `timeoutMs`. */
export async function waitForPort(port, { timeoutMs = 30_000, what = `port ${port}` } = {}) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const open = await new Promise((done) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        done(true);
      });
      socket.once('error', () => done(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} did not start listening on 127.0.0.1:${port} within ${timeoutMs / 1000} s`);
}

/**
 * Spawns a long-running server in its own process group (so its children stop
 * with it), keeping the last output lines to explain a failure (and all of it in `logFile` when given).
 * @param {string} command
 * @param {string[]} args
 * @param {{ env?: NodeJS.ProcessEnv, cwd?: string, name?: string, logFile?: string }} [options]
 */
export function startProcess(command, args, { env = process.env, cwd, name = command, logFile } = {}) {
  const child = spawn(command, args, { env, cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let tail = '';
  let log = null;
  if (logFile) {
    mkdirSync(dirname(logFile), { recursive: true });
    log = createWriteStream(logFile, { flags: 'a' });
  }
  const keep = (d) => {
    tail = (tail + d).slice(-4000);
    log?.write(d);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise((done) => child.once('exit', (code, signal) => done({ code, signal })));
  return {
    name,
    child,
    exited,
    output: () => tail,
    /** Stops the whole process group: SIGTERM, then SIGKILL after `graceMs`. */
    async stop(graceMs = 5_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      signalGroup(child.pid, 'SIGTERM');
      const timer = setTimeout(() => signalGroup(child.pid, 'SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
    /** Sends a signal to the whole group (e.g. SIGSTOP/SIGCONT to freeze and thaw it in tests). */
    signal(sig) {
      signalGroup(child.pid, sig);
    },
    /** Kills the group at once (failure tests). */
    kill() {
      signalGroup(child.pid, 'SIGKILL');
      return exited;
    },
  };
}

function signalGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}
