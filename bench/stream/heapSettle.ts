import { withPreload } from './preload';
import { groupPids, sampleGroup, type ProcSample } from './procStats';

/** NODE_OPTIONS that also preload heapSettler.mjs, so `settledSample` can collect the server's garbage first. */
export function withHeapSettler(nodeOptions: string | undefined): string {
  return withPreload(nodeOptions, 'bench/stream/heapSettler.mjs');
}

/**
 * RSS with the heap settled: every process of the group runs two full GCs (SIGWINCH, see heapSettler.mjs),
 * then, after a pause for the collector to give pages back, one sample. Read next to the plain sample,
 * which includes garbage not yet collected.
 */
export async function settledSample(pgid: number, pauseMs = 1500): Promise<ProcSample> {
  for (const pid of groupPids(pgid)) {
    try {
      process.kill(pid, 'SIGWINCH');
    } catch {
      // exited meanwhile
    }
  }
  await new Promise((r) => setTimeout(r, pauseMs));
  return sampleGroup(pgid);
}
