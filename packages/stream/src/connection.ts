import type { LogEntry } from './eventLog';

/** Entries of one event-loop turn for every connection with the same topics: encoded and joined ONCE, written to all of them. */
export interface SharedBatch<P = unknown> {
  entries: LogEntry[];
  members: Set<Connection<P>>;
}

/** Where a connection's bytes go: Node's response in the app (`attachNodeResponse`), a web stream or an array in tests. */
export interface FrameSink {
  /** Room left before the transport is full; null when it never pushes back. */
  readonly desiredSize: number | null;
  /** Writes bytes; false when the transport is full now (the next bytes should wait for room); throws when it is gone. */
  write(bytes: Uint8Array): boolean | void;
  /** Ends the transport; must not throw. */
  close(): void;
}

/** Why a connection ended. */
export type CloseReason =
  'client_closed' | 'write_failed' | 'slow_consumer' | 'server_shutdown' | 'revoked' | 'dropped';

/** Counters of one connection, summed by the hub for health and admin views. */
export interface ConnectionStats {
  delivered: number;
  bytes: number;
  conflated: number;
  /** Frames discarded unsent because the stream was cut off as too slow. */
  dropped: number;
}

interface QueueItem {
  frame: Uint8Array;
  key: string | null;
  /** the topic it belongs to (null for stream-level frames: retry, ready, keep-alive, reset) */
  topic: string | null;
  /** false once a newer frame with the same key superseded it */
  live: boolean;
}

/** Options that bound a connection. */
export interface ConnectionLimits {
  /** Largest number of queued, unsent bytes before the stream is cut (the client resumes). */
  maxQueueBytes: number;
  /**
   * Longest time the transport may stay full before the stream is cut (the client
   * resumes): bounds how stale a stuck reader's queue gets, not only how big.
   */
  maxStallMs?: number;
  /** The clock that times how long frames wait (default Date.now). */
  now?: () => number;
}

/**
 * One SSE stream. Frames queue here until the transport has room; while it is
 * full, a newer market update supersedes an unsent one of the same symbol (conflation);
 * private events are never superseded, so a client too slow to keep the queue
 * under its bound is cut off and resumes from its last id instead.
 */
export class Connection<P = unknown> {
  readonly stats: ConnectionStats = { delivered: 0, bytes: 0, conflated: 0, dropped: 0 };
  closedReason: CloseReason | null = null;
  private readonly topicSet = new Set<string>();
  /** Who authorised each topic (the stream's opener, or the caller of a later subscribe). */
  private readonly grants = new Map<string, P>();
  /** An embed key's symbol allowlist; null lets every symbol through. */
  private symbols: Set<string> | null = null;
  /** Its topics as one sorted string: connections with equal keys can share a batch. */
  private key = '';
  /** While resuming: live entries wait here until the replay has been queued. */
  private held: LogEntry[] | null = null;
  /** After a replay: live entries at or before this id were already replayed. */
  private replayedUpTo: string | null = null;
  /** This turn's shared batch the connection takes part in, if any. */
  private sharedBatch: SharedBatch<P> | null = null;
  /** Per topic out of sight: at most one update per symbol every so many ms; null while every topic runs at full rate. */
  private rates: Map<string, number> | null = null;
  /** Of throttled topics: when each symbol's update was last let through, and its latest update held back since. */
  private lastSentAt = new Map<string, number>();
  private heldBack = new Map<string, LogEntry>();

  private queue: QueueItem[] = [];
  private readonly pendingByKey = new Map<string, QueueItem>();
  private queuedBytes = 0;
  /** When the oldest frame still queued was queued (ms since the epoch); null while nothing waits. */
  private pendingSince: number | null = null;
  private sink: FrameSink | null = null;
  /** Set while the transport is full: only then do unsent updates supersede each other. */
  private backlogged = false;
  /** When the transport became full (ms since the epoch); null while it has room. */
  private fullSince: number | null = null;
  /** Set by `end`: the queue is written out, then the stream closes for this reason. */
  private ending: CloseReason | null = null;

  constructor(
    readonly id: string,
    readonly token: string,
    readonly principal: P,
    private readonly limits: ConnectionLimits,
    private readonly onDirty: (c: Connection<P>) => void,
    private readonly onClose: (c: Connection<P>, reason: CloseReason) => void,
  ) {}

  /** The topics this stream carries. */
  get topics(): ReadonlySet<string> {
    return this.topicSet;
  }

  /** Its topics as one sorted string: connections with equal keys share a batch. */
  get topicKey(): string {
    return this.key;
  }

  /** Who authorised a topic this stream carries. */
  grantedTo(topic: string): P {
    return this.grants.get(topic)!;
  }

  /** Carries a topic from now on, authorised by `grantedTo`; false when it did already. */
  addTopic(topic: string, grantedTo: P): boolean {
    if (this.topicSet.has(topic)) return false;
    this.detach();
    this.topicSet.add(topic);
    this.grants.set(topic, grantedTo);
    this.key = [...this.topicSet].sort().join(',');
    return true;
  }

  /**
   * Stops carrying a topic; with `discard`, its unsent frames go too (a
   * sign-out sends nothing private afterwards). False when it did not carry it.
   */
  removeTopic(topic: string, discard: boolean): boolean {
    this.grants.delete(topic);
    this.detach();
    if (!this.topicSet.delete(topic)) return false;
    if (discard) this.dropTopic(topic);
    if (this.rates?.delete(topic) && this.rates.size === 0) this.rates = null;
    for (const [key, e] of this.heldBack) if (e.topic === topic) this.heldBack.delete(key);
    this.key = [...this.topicSet].sort().join(',');
    return true;
  }

  /** Lets only these symbols of market topics through (an embed key's allowlist). */
  restrictTo(symbols: readonly string[]): void {
    this.symbols = new Set(symbols);
  }

  /** True while live entries wait for the replay of a resume to be queued. */
  get resuming(): boolean {
    return this.held !== null;
  }

  /** A resume begins: live entries are held from now on. */
  beginResume(): void {
    this.held = [];
  }

  /** Holds a live entry that arrived while the replay is read. */
  hold(entry: LogEntry): void {
    this.held?.push(entry);
  }

  /** The replay is queued up to `replayedUpTo` (null: no replay, e.g. a reset); returns the entries held meanwhile. */
  finishResume(replayedUpTo: string | null): LogEntry[] {
    const held = this.held ?? [];
    this.held = null;
    this.replayedUpTo = replayedUpTo;
    return held;
  }

  /** True for a live entry the replay already carried; the first later one ends that check. */
  alreadyReplayed(id: string, compare: (a: string, b: string) => number): boolean {
    if (this.replayedUpTo === null) return false;
    if (compare(id, this.replayedUpTo) <= 0) return true;
    this.replayedUpTo = null;
    return false;
  }

  /** Forgets where a replay ended (a reset supersedes it). */
  forgetReplay(): void {
    this.replayedUpTo = null;
  }

  /**
   * Sets a topic's update interval (0: every update again). Returns the updates
   * of that topic held back so far when it goes back to full rate (to send now).
   */
  setRate(topic: string, ms: number): LogEntry[] {
    if (!this.topicSet.has(topic)) return [];
    this.detach();
    if (ms > 0) {
      (this.rates ??= new Map()).set(topic, ms);
      return [];
    }
    if (!this.rates?.delete(topic)) return [];
    if (this.rates.size === 0) this.rates = null;
    const released = [...this.heldBack.values()].filter((e) => e.topic === topic);
    for (const e of released) this.heldBack.delete(e.conflationKey!);
    return released;
  }

  /** The update interval of a throttled topic, or 0. */
  rateOf(topic: string): number {
    return this.rates?.get(topic) ?? 0;
  }

  /** True when some topic of this stream is throttled. */
  get throttled(): boolean {
    return this.rates !== null;
  }

  /** A throttled topic's update: true to send it now, else it is held back as its symbol's latest (superseding an older one). */
  admit(entry: LogEntry, rate: number, now: number): boolean {
    const key = entry.conflationKey!;
    if (now - (this.lastSentAt.get(key) ?? -Infinity) >= rate) {
      this.lastSentAt.set(key, now);
      return true;
    }
    if (this.heldBack.has(key)) this.stats.conflated++;
    this.heldBack.set(key, entry);
    return false;
  }

  /** Held-back updates whose symbol may have one again now (marked sent); true in `more` while others still wait. */
  takeDue(now: number): { due: LogEntry[]; more: boolean } {
    const due: LogEntry[] = [];
    for (const [key, entry] of this.heldBack) {
      const rate = this.rateOf(entry.topic);
      if (rate > 0 && now - (this.lastSentAt.get(key) ?? -Infinity) < rate) continue;
      this.heldBack.delete(key);
      this.lastSentAt.set(key, now);
      due.push(entry);
    }
    return { due, more: this.heldBack.size > 0 };
  }

  /** This turn's shared batch, if the connection takes part in one. */
  get batch(): SharedBatch<P> | null {
    return this.sharedBatch;
  }

  /** Takes part in this turn's shared batch of its topic set. */
  joinBatch(batch: SharedBatch<P>): void {
    batch.members.add(this);
    this.sharedBatch = batch;
  }

  /** Attaches the transport; queued frames flush on the next turn. */
  attach(sink: FrameSink): void {
    this.sink = sink;
    if (this.queue.length) this.onDirty(this);
  }

  /** True when this stream may carry an event about `symbol` (events without a symbol always pass). */
  wants(symbol: string | undefined): boolean {
    return !this.symbols || symbol === undefined || this.symbols.has(symbol);
  }

  /** Bytes queued and not yet handed to the transport. */
  get pendingBytes(): number {
    return this.queuedBytes;
  }

  /** How long the oldest unsent frame has waited, in ms; 0 when nothing waits. */
  lagMs(now: number): number {
    return this.pendingSince === null ? 0 : Math.max(0, now - this.pendingSince);
  }

  /** True when this connection can take this turn's frames from a shared batch: nothing of its own pending, nothing special about it. */
  canShare(): boolean {
    return (
      this.sink !== null &&
      !this.closedReason &&
      this.held === null &&
      this.replayedUpTo === null &&
      this.symbols === null &&
      this.rates === null &&
      this.queue.length === 0 &&
      !this.backlogged
    );
  }

  /** Leaves the shared batch, taking its entries so far into the own queue (before anything queued after them). */
  detach(): void {
    const batch = this.sharedBatch;
    if (!batch) return;
    this.sharedBatch = null;
    batch.members.delete(this);
    for (const e of batch.entries) this.enqueue(e.frame, e.conflationKey, e.topic);
  }

  /** Writes a batch's joined bytes; when the transport is full, queues its entries instead (conflation then applies). */
  writeShared(bytes: Uint8Array, entries: readonly LogEntry[]): void {
    this.sharedBatch = null;
    const sink = this.sink;
    if (!sink || this.closedReason) return;
    if (sink.desiredSize !== null && sink.desiredSize <= 0) {
      this.markFull();
      for (const e of entries) this.enqueue(e.frame, e.conflationKey, e.topic);
      return;
    }
    this.write(sink, bytes, entries.length);
  }

  /** Queues a frame; with a key, supersedes the unsent frame of the same key. Returns false if the connection is gone. */
  enqueue(frame: Uint8Array, key: string | null = null, topic: string | null = null): boolean {
    if (this.closedReason) return false;
    if (this.sharedBatch) this.detach();
    if (this.stalled()) {
      this.close('slow_consumer');
      return false;
    }
    if (key !== null && (this.backlogged || (this.sink?.desiredSize ?? 1) <= 0)) {
      const previous = this.pendingByKey.get(key);
      if (previous) {
        previous.live = false;
        this.queuedBytes -= previous.frame.byteLength;
        this.stats.conflated++;
      }
    }
    const item: QueueItem = { frame, key, topic, live: true };
    this.queue.push(item);
    if (key !== null) this.pendingByKey.set(key, item);
    this.queuedBytes += frame.byteLength;
    if (this.queuedBytes > this.limits.maxQueueBytes) {
      this.close('slow_consumer');
      return false;
    }
    if (this.queue.length === 1) {
      this.pendingSince = (this.limits.now ?? Date.now)();
      this.onDirty(this);
    }
    return true;
  }

  /**
   * Discards the unsent frames of a topic the stream no longer carries (an
   * unsubscribe, or a sign-out revoking a private topic): nothing of it goes
   * out after the change, even what was queued before.
   */
  private dropTopic(topic: string): void {
    this.detach();
    for (const item of this.queue) {
      if (!item.live || item.topic !== topic) continue;
      item.live = false;
      this.queuedBytes -= item.frame.byteLength;
      if (item.key !== null && this.pendingByKey.get(item.key) === item) this.pendingByKey.delete(item.key);
    }
  }

  /** Hands every queued frame to the transport in ONE write, if it has room. */
  flush(): void {
    const sink = this.sink;
    if (!sink || this.closedReason || this.queue.length === 0) return;
    if (sink.desiredSize !== null && sink.desiredSize <= 0 && !this.ending) {
      this.markFull();
      return;
    }
    this.backlogged = false;
    this.fullSince = null;
    const live = this.queue.filter((item) => item.live);
    const bytes = live.length === 1 ? live[0]!.frame : concat(live, this.queuedBytes);
    this.queue = [];
    this.pendingByKey.clear();
    this.queuedBytes = 0;
    this.pendingSince = null;
    if (live.length > 0) this.write(sink, bytes, live.length);
    if (this.ending) this.close(this.ending);
  }

  /**
   * Writes out what is queued (even into a full transport: the frames are few
   * and final), then closes: for streams ended on purpose whose last frames say why.
   */
  end(reason: CloseReason): void {
    if (this.closedReason || this.ending) return;
    this.ending = reason;
    this.detach();
    if (this.queue.length === 0) this.close(reason);
    else if (this.sink) this.flush();
  }

  private markFull(): void {
    this.backlogged = true;
    this.fullSince ??= (this.limits.now ?? Date.now)();
  }

  /** True once the transport has been full for longer than the stall bound. */
  private stalled(): boolean {
    const bound = this.limits.maxStallMs;
    return bound !== undefined && this.fullSince !== null && (this.limits.now ?? Date.now)() - this.fullSince > bound;
  }

  /** One write to the transport; a failed write means the client is gone. */
  private write(sink: FrameSink, bytes: Uint8Array, events: number): void {
    try {
      // A full transport is known at once, so the next turn's updates conflate instead of piling up behind it.
      if (sink.write(bytes) === false) this.markFull();
    } catch {
      this.close('write_failed');
      return;
    }
    this.stats.delivered += events;
    this.stats.bytes += bytes.byteLength;
  }

  /** Ends the stream once; the hub forgets it at once. */
  close(reason: CloseReason): void {
    if (this.closedReason) return;
    this.closedReason = reason;
    if (reason === 'slow_consumer') this.stats.dropped += this.queue.filter((item) => item.live).length;
    this.queue = [];
    this.pendingSince = null;
    this.pendingByKey.clear();
    this.queuedBytes = 0;
    this.held = null;
    this.sharedBatch?.members.delete(this);
    this.sharedBatch = null;
    this.onClose(this, reason);
    this.sink?.close();
  }
}

function concat(items: QueueItem[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let at = 0;
  for (const item of items) {
    out.set(item.frame, at);
    at += item.frame.byteLength;
  }
  return out;
}
