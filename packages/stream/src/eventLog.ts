import type { TopicEvent } from '@quoteline/protocol';

/** An event to be appended: which topic, what type, its data (the protocol's schema for that type). */
export type LogInput = TopicEvent;

/** An event with its place in the log and its SSE frame, encoded once for every subscriber. */
export type LogEntry = LogInput & {
  /** Opaque SSE id naming the log's epoch and the position, e.g. `k3x9:42`. */
  id: string;
  /** The complete SSE frame (`id:`, `event:`, `data:`), shared by all connections. */
  frame: Uint8Array;
  /** Set on conflatable events: entries with the same key supersede each other. */
  conflationKey: string | null;
};

/** Why a resume could not be replayed. */
export type ResetReason = 'unknown_id' | 'epoch_changed' | 'history_trimmed' | 'too_far_behind';

/**
 * A tailing reader lost track of the log (a Redis log flushed, restored, or trimmed
 * past it while disconnected): what it missed cannot be known, so every stream fed
 * from it must be reset. Later tail entries follow `head`.
 */
export interface LogReset {
  reason: ResetReason;
  /** The id the tail continues after (of the new epoch when the epoch changed). */
  head: string;
}

/** The answer to "what came after this id": the entries, or why they cannot be had. */
export type ReadAfterResult = { ok: true; entries: LogEntry[] } | { ok: false; reason: ResetReason };

/**
 * The one ordered event log. The in-process ring implements it now; a Redis
 * Streams log implements the same interface when scaled, and the hub never knows which.
 */
export interface EventLog {
  /** Names this log's history; a new epoch means old ids cannot be replayed. */
  readonly epoch: string;
  /** Appends an event, assigning its id; resolves once it is in the log. */
  append(input: LogInput): Promise<LogEntry>;
  /** Every retained entry strictly after `id`, in order; or why replay is impossible. */
  readAfter(id: string): Promise<ReadAfterResult>;
  /** Calls `listener` with each new entry, in log order; returns the unsubscribe. */
  tail(listener: (entry: LogEntry) => void): () => void;
  /** Calls `listener` when the tail lost track of the log (never for the in-process ring); returns the unsubscribe. */
  onReset(listener: (reset: LogReset) => void): () => void;
  /** Orders two ids of this log (negative when `a` comes first). */
  compare(a: string, b: string): number;
  /** The id of the newest entry, or this epoch's origin id when empty. */
  head(): string;
  /** Stops tailing and frees resources. */
  close(): Promise<void>;
}
