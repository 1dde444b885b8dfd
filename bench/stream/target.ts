/** Stream counters a server reports about itself (the app's /api/health `stream`, or the bare server's /health). */
export interface ServerStreamStats {
  /** Events published so far (the log offset): fewer per second than the tick promises means the server's timers ran late. */
  published: number;
  connections: number;
  delivered: number;
  bytes: number;
  conflated: number;
  maxPendingBytes: number;
  closed: Record<string, number>;
}

/** A running server under test: where to connect, which process group to measure, how to stop it. */
export interface Target {
  kind: 'ours' | 'bare';
  port: number;
  /** Path of the SSE stream, with its query. */
  path: string;
  /** Process group holding every process of the server. */
  pgid: number;
  stats(): Promise<ServerStreamStats>;
  stop(): Promise<void>;
}

/** GETs JSON from a loopback port, with a time limit. */
export async function getJson(port: number, path: string): Promise<unknown> {
  const response = await fetch(`http://127.0.0.1:${port}${path}`, { signal: AbortSignal.timeout(10_000) });
  if (!response.ok) throw new Error(`GET ${path} answered ${response.status}`);
  return response.json();
}
