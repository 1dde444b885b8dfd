import { randomBytes } from 'node:crypto';
import { CONFLATABLE, encodeEvent } from '@quoteline/protocol';
import type { EventLog, LogEntry, LogInput, LogReset, ReadAfterResult } from './eventLog';

/** Options of the in-process log. */
export interface RingLogOptions {
  /** Entries kept for resume (default 10,000); older ids get a `reset`. */
  capacity?: number;
  /** Fixed epoch, for tests; default a fresh random one per process. */
  epoch?: string;
}

/**
 * The conflation key of an event, or null when it must never be conflated:
 * an update is superseded per instrument, a stats sample per instance (so
 * samples of two instances on one shared log never replace each other).
 */
export function conflationKeyOf(input: LogInput): string | null {
  if (!CONFLATABLE.has(input.type)) return null;
  const subject =
    input.type === 'stats' ? input.data.instance : input.type === 'update' ? input.data.symbol : undefined;
  return typeof subject === 'string' && subject !== '' ? `${input.topic}\u0000${subject}` : null;
}

/**
 * The embedded default event log: a fixed-size ring of entries in memory.
 * Ids are `<epoch>:<offset>`, offsets counting from 1; appends are synchronous,
 * so a snapshot taken between two appends sits at an exact position.
 */
export class RingLog implements EventLog {
  readonly epoch: string;
  private readonly capacity: number;
  private readonly ring: (LogEntry | undefined)[];
  private offset = 0;
  private readonly listeners = new Set<(entry: LogEntry) => void>();

  constructor(options: RingLogOptions = {}) {
    this.capacity = options.capacity ?? 10_000;
    if (!Number.isInteger(this.capacity) || this.capacity < 1) throw new Error('capacity must be a positive integer');
    this.epoch = options.epoch ?? randomBytes(6).toString('base64url');
    this.ring = new Array(this.capacity);
  }

  /** Appends synchronously; the promise is only for the interface. */
  append(input: LogInput): Promise<LogEntry> {
    return Promise.resolve(this.appendSync(input));
  }

  /** Appends and fans out to tail listeners before returning. */
  appendSync(input: LogInput): LogEntry {
    const offset = ++this.offset;
    const id = `${this.epoch}:${offset}`;
    const entry: LogEntry = {
      ...input,
      id,
      frame: encodeEvent(input.type, input.data, id),
      conflationKey: conflationKeyOf(input),
    };
    this.ring[offset % this.capacity] = entry;
    for (const listener of this.listeners) listener(entry);
    return entry;
  }

  readAfter(id: string): Promise<ReadAfterResult> {
    return Promise.resolve(this.readAfterSync(id));
  }

  /** Entries after `id`, or why they cannot be replayed. */
  readAfterSync(id: string): ReadAfterResult {
    const parsed = parseId(id);
    if (!parsed) return { ok: false, reason: 'unknown_id' };
    if (parsed.epoch !== this.epoch) return { ok: false, reason: 'epoch_changed' };
    if (parsed.offset > this.offset) return { ok: false, reason: 'unknown_id' };
    const oldest = Math.max(1, this.offset - this.capacity + 1);
    if (parsed.offset < oldest - 1) return { ok: false, reason: 'history_trimmed' };
    const entries: LogEntry[] = [];
    for (let o = parsed.offset + 1; o <= this.offset; o++) entries.push(this.ring[o % this.capacity]!);
    return { ok: true, entries };
  }

  tail(listener: (entry: LogEntry) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The ring never loses track of itself: nothing to report. */
  onReset(_listener: (reset: LogReset) => void): () => void {
    return () => undefined;
  }

  compare(a: string, b: string): number {
    return (parseId(a)?.offset ?? -1) - (parseId(b)?.offset ?? -1);
  }

  head(): string {
    return `${this.epoch}:${this.offset}`;
  }

  close(): Promise<void> {
    this.listeners.clear();
    return Promise.resolve();
  }
}

function parseId(id: string): { epoch: string; offset: number } | null {
  const m = /^([A-Za-z0-9_-]{1,32}):(\d{1,15})$/.exec(id);
  return m ? { epoch: m[1]!, offset: Number(m[2]) } : null;
}
