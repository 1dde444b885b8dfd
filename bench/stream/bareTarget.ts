import type { BareConfig } from './bareServer';
import { spawnTsEntry, stopChild } from './childProcesses';
import { getJson, type ServerStreamStats, type Target } from './target';

/** Starts bareServer.ts in its own process group and waits until it answers /health. */
export async function startBareTarget(config: BareConfig, env: NodeJS.ProcessEnv): Promise<Target> {
  const child = spawnTsEntry('bench/stream/bareServer.ts', [JSON.stringify(config)], { env });
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the bare server exited with ${child.exitCode}`);
    try {
      await getJson(config.port, '/health');
      break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stopChild(child);
      throw new Error('the bare server did not answer /health in 30 s');
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    kind: 'bare',
    port: config.port,
    path: '/stream',
    pgid: child.pid!,
    async stats(): Promise<ServerStreamStats> {
      const health = (await getJson(config.port, '/health')) as {
        connections: number;
        published: number;
        stream: Omit<ServerStreamStats, 'connections' | 'closed' | 'published'> & { slowClosed: number };
      };
      const { slowClosed, ...stream } = health.stream;
      return {
        published: health.published,
        connections: health.connections,
        ...stream,
        closed: slowClosed ? { slow_consumer: slowClosed } : {},
      };
    },
    stop: () => stopChild(child),
  };
}
