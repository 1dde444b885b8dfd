import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A private redis-server on loopback, its data in a temp folder; restartable on the same port. */
export interface RedisServer {
  port: number;
  url: string;
  dir: string;
  /** Sends one command and returns the raw RESP reply, e.g. `command('FLUSHALL')` → `+OK\r\n`. */
  command(...args: (string | number)[]): Promise<string>;
  /** Stops the server (SIGTERM: with persistence it saves first). */
  stop(): Promise<void>;
  /** Starts it again on the same port and folder. */
  start(): Promise<void>;
  /** Freezes (SIGSTOP) or thaws (SIGCONT) the server: its sockets stay open but nothing answers. */
  freeze(frozen: boolean): void;
  /** Stops it and removes its folder. */
  destroy(): Promise<void>;
}

/** Options of a test Redis. */
export interface RedisServerOptions {
  /** Save to disk on shutdown, so a restart keeps the data (default false: a restart empties it, as a flush would). */
  persistence?: boolean;
}

/** Starts `redis-server` (Debian's, installed by the redis project's global setup) on a free loopback port. */
export async function startRedisServer(options: RedisServerOptions = {}): Promise<RedisServer> {
  // Imported at run time, like the other server scripts (Playwright's loader would compile .mjs as CommonJS).
  const { startRedis } = await import('../../scripts/servers/redis.mjs');
  const { freePort } = await import('../../scripts/servers/process.mjs');
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'quoteline-redis-'));
  let server: Awaited<ReturnType<typeof startRedis>> | null = null;
  const signal = (s: NodeJS.Signals) => server?.signal(s);

  const start = async () => {
    server = await startRedis({ port, dir, persistence: options.persistence });
    // Accepting connections is not yet answering: a restart with data loads it first.
    const deadline = Date.now() + 15_000;
    while (!(await ping(port))) {
      if (Date.now() > deadline)
        throw new Error(`redis-server on port ${port} accepts connections but does not answer PING`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  const stop = async () => {
    if (!server) return;
    signal('SIGCONT'); // a frozen server must run to stop (and save)
    await server.stop(10_000);
    server = null;
  };

  await start();
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    dir,
    command: (...args) => send(port, args.map(String)),
    stop,
    start,
    freeze: (frozen) => signal(frozen ? 'SIGSTOP' : 'SIGCONT'),
    async destroy() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function ping(port: number): Promise<boolean> {
  try {
    return (await send(port, ['PING'])).startsWith('+PONG');
  } catch {
    return false;
  }
}

/** One command over a fresh socket; resolves with the reply received (small replies: one chunk ending in CRLF). */
function send(port: number, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    let reply = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no reply to ${args[0]}`));
    }, 5000);
    socket.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    socket.on('data', (d) => {
      reply += d;
      if (reply.endsWith('\r\n')) {
        clearTimeout(timer);
        socket.end();
        resolve(reply);
      }
    });
    socket.write(`*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('')}`);
  });
}
