// Rules of the `admin:connections` samples shared by the server (which keeps
// the latest sample per instance for snapshots) and the browser (which merges
// them). No zod here: browser bundles import this file on its own.

/** The admin topic of live connection statistics: every instance appends a `stats` sample to it. */
export const ADMIN_CONNECTIONS_TOPIC = 'admin:connections';

/** Topics with the most streams listed in one sample. */
export const STATS_TOP_TOPICS = 10;
/** Slowest consumers listed in one sample. */
export const STATS_TOP_CONSUMERS = 5;

/** How long after its last sample an instance counts as gone: three sampling intervals, at least 5 s. */
export function statsStaleAfterMs(intervalMs: number): number {
  return Math.max(5_000, 3 * intervalMs);
}
