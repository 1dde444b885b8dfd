// Messages between the orchestrator (run.ts) and the load-generator process, over Node's IPC channel.

/** How the load generator is started (JSON in argv[2]). */
export interface LoadConfig {
  port: number;
  /** e.g. `/api/stream?topics=feed:bench` */
  path: string;
  streams: number;
  /** Connections waiting for their response head at once: a burst of 10,000 SYNs would overflow the accept backlog. */
  concurrency: number;
  /** Per-connection limit to get the response head. */
  connectTimeoutMs: number;
  /** Stop opening new connections after this; the rest count as `not_attempted`. */
  openDeadlineMs: number;
  /** Hard stop of the process, whatever the orchestrator does. */
  maxLifetimeMs: number;
}

/** Orchestrator → load generator. */
export type LoadCommand = { type: 'mark' } | { type: 'report' } | { type: 'stop' };

/** What the load generator measured since the last `mark`. */
export interface LoadReport {
  elapsedMs: number;
  /** `update` frames received. */
  updates: number;
  /** Other events (`retry`, `ready`, `add`) and comments. */
  others: number;
  comments: number;
  /** Body bytes received (after chunked decoding). */
  bytes: number;
  /** Updates whose `ts` could not be read. */
  missingTs: number;
  /** Streams open now. */
  open: number;
  /** Streams the server ended or broke since they opened (all time). */
  closedByServer: number;
  latency: {
    count: number;
    p50: number | null;
    p99: number | null;
    p999: number | null;
    max: number;
    mean: number | null;
    negative: number;
  };
  /** The load generator's own event-loop delay (ms): high values mean the client, not the server, is the bottleneck. */
  loopDelayP99Ms: number;
}

/** Load generator → orchestrator. */
export type LoadMessage =
  | { type: 'connected'; opened: number; failed: Record<string, number>; rampMs: number }
  | { type: 'marked' }
  | ({ type: 'report' } & LoadReport);
