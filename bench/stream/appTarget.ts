import { execFileSync } from 'node:child_process';
import { feedSql, startAppServer } from '../../tests/support/appServer';
import { signalGroup, trackGroup, WANTED_FD_LIMIT } from './childProcesses';
import { groupPids } from './procStats';
import { getJson, type ServerStreamStats, type Target } from './target';

/** The bench feed every scenario subscribes to. */
export const BENCH_FEED = { slug: 'bench', prefix: 'BENCH' } as const;

/** Options of our app under test. */
export interface AppTargetOptions {
  port: number;
  tickMs: number;
  instruments: number;
  /** Extra environment, e.g. the run's tag and NODE_OPTIONS for --cpu-prof. */
  env: Record<string, string>;
}

/**
 * Our app, built, under `next start` on a fresh SQLite database holding the
 * bench feed. The seeded demo feed is paused so the bench feed is all the
 * server publishes, as in the bare server.
 */
export async function startAppTarget(options: AppTargetOptions): Promise<Target> {
  const sql = `${feedSql(BENCH_FEED.slug, { tickMs: options.tickMs, count: options.instruments, prefix: BENCH_FEED.prefix })}
UPDATE Feed SET status = 'paused' WHERE slug <> '${BENCH_FEED.slug}';`;
  const server = await startAppServer({ port: options.port, sql, env: options.env });
  trackGroup(server.process);
  const pgid = server.process.pid!;
  // startAppServer spawns `next` itself, so raise the fd limit of the running processes (root with CAP_SYS_RESOURCE only).
  for (const pid of groupPids(pgid)) {
    try {
      execFileSync('prlimit', ['--pid', String(pid), `--nofile=${WANTED_FD_LIMIT}:${WANTED_FD_LIMIT}`], {
        stdio: 'ignore',
      });
    } catch {
      // not permitted here: the inherited limit stays, and the report shows it
    }
  }
  return {
    kind: 'ours',
    port: options.port,
    path: `/api/stream?topics=feed:${BENCH_FEED.slug}`,
    pgid,
    async stats(): Promise<ServerStreamStats> {
      const health = (await getJson(options.port, '/api/health')) as {
        connections: number;
        head: string;
        stream: Omit<ServerStreamStats, 'connections' | 'published'>;
      };
      // head is `<epoch>:<offset>`; only the bench feed publishes, so the offset counts its events.
      return { published: Number(health.head.split(':')[1]), connections: health.connections, ...health.stream };
    },
    async stop() {
      // startAppServer's stop waits for a clean exit (so --cpu-prof profiles get written), then SIGKILLs after 5 s.
      await server.stop();
      signalGroup(pgid, 'SIGKILL');
    },
  };
}
