import { randomBytes, timingSafeEqual } from 'node:crypto';
import {
  echoTopic,
  encodeEvent,
  encodeRetry,
  KEEP_ALIVE_FRAME,
  MAX_TOPICS_PER_STREAM,
  PROTOCOL_VERSION,
  QuotelineError,
  symbolOf,
  topicRefusalCodeSchema,
  type ReadyEvent,
  type TopicClosedEvent,
  type TopicClosedReason,
  type TopicRefusal,
} from '@quoteline/protocol';
import { Connection, type CloseReason, type SharedBatch } from './connection';
import type { EventLog, LogEntry, LogReset, ResetReason } from './eventLog';
import { TopicViews } from './topicViews';

/** Decides who may read a topic; throws a QuotelineError (`invalid_topic`, `unknown_topic`, `forbidden`) to refuse it. */
export interface TopicDirectory<P = unknown> {
  authorize(topic: string, principal: P): Promise<void> | void;
  /**
   * Whose rights decide a topic added to an open stream: the stream's opener
   * (e.g. an embed key, which binds its stream for life) or the requester of
   * the change. Without it, the requester's.
   */
  principalFor?(opener: P, requester: P): P;
}

/** Why a topic leaves a stream it was on, as its `topic_closed` tells the client. */
export interface TopicClosure {
  reason: TopicClosedReason;
  message: string;
}

/** The answer to a subscription change: every topic the stream carries now, and each topic to add that was refused. */
export interface SubscriptionResult {
  topics: string[];
  refused: TopicRefusal[];
}

/** A request to change the topics of an open stream, as the subscriptions POST carries it, with who asks. */
export interface SubscriptionChange<P = unknown> {
  connectionId: string;
  token: string;
  subscribe: string[];
  unsubscribe: string[];
  /** Per carried topic: at most one update per symbol every N ms; 0 for all of them. */
  rates?: Record<string, number>;
  principal: P;
}

const REFUSAL_CODES: ReadonlySet<string> = new Set(topicRefusalCodeSchema.options);

/** Hub settings; every one has a default fit for production. */
export interface HubOptions<P = unknown> {
  log: EventLog;
  directory: TopicDirectory<P>;
  /** Name of this app instance, sent in `ready`. */
  instance: string;
  /** Interval of `: keep-alive` comments (default 15 s). */
  keepAliveMs?: number;
  /** `retry:` sent to native EventSource clients (default 1 s). */
  retryMs?: number;
  /** Unsent bytes one connection may queue before it is cut off (default 1 MiB). */
  maxQueueBytes?: number;
  /** How long a connection's transport may stay full before it is cut off (default 10 s). */
  maxStallMs?: number;
  /** The clock (ms since the epoch); tests pass their own. */
  now?: () => number;
}

/** What `open` needs from the request. */
export interface OpenRequest<P = unknown> {
  topics: string[];
  principal: P;
  /** Resume after this id (Last-Event-ID or `lastEventId`). */
  lastEventId?: string | null;
  /** Only these symbols of market topics reach the stream (an embed key's allowlist); null or absent: all. */
  symbols?: readonly string[] | null;
  /** Resume with only the latest update per symbol (a reader catching up after reading old news); private events still in full. */
  latestOnly?: boolean;
}

/** Totals for health checks, tests and the admin console. */
export interface HubStats {
  connections: number;
  /** Streams opened since start. */
  opened: number;
  topics: Record<string, number>;
  delivered: number;
  bytes: number;
  conflated: number;
  /** Frames discarded with streams cut off as too slow. */
  dropped: number;
  /** Largest unsent queue of any open connection, in bytes. */
  maxPendingBytes: number;
  closed: Partial<Record<CloseReason, number>>;
}

/** How far behind one open stream is, for the admin's slowest-consumers list. */
export interface ConsumerLoad<P = unknown> {
  id: string;
  principal: P;
  topics: number;
  pendingBytes: number;
  lagMs: number;
}

/**
 * Topic → connections. Folds every log entry into the topic views and writes
 * its one encoded frame to every subscriber of its topic, in log order.
 */
export class StreamHub<P = unknown> {
  readonly views: TopicViews;
  private readonly log: EventLog;
  private readonly directory: TopicDirectory<P>;
  private readonly instance: string;
  private readonly retryFrame: Uint8Array;
  private readonly maxQueueBytes: number;
  private readonly maxStallMs: number;
  private readonly connections = new Map<string, Connection<P>>();
  private readonly subscribers = new Map<string, Set<Connection<P>>>();
  private readonly dirty = new Set<Connection<P>>();
  /** This turn's shared batches by topic key. */
  private readonly batches = new Map<string, SharedBatch<P>>();
  private flushScheduled = false;
  /** Connections holding back updates of throttled topics, released by one hub-wide timer. */
  private readonly throttledConnections = new Set<Connection<P>>();
  private throttleTimer: ReturnType<typeof setInterval> | null = null;
  private position: string;
  private readonly untail: () => void;
  private readonly unreset: () => void;
  private readonly keepAlive: ReturnType<typeof setInterval>;
  private readonly retired = { delivered: 0, bytes: 0, conflated: 0, dropped: 0 };
  private readonly now: () => number;
  private readonly compareIds = (a: string, b: string) => this.log.compare(a, b);
  private opened = 0;
  private readonly closedCounts: Partial<Record<CloseReason, number>> = {};

  constructor(options: HubOptions<P>) {
    this.log = options.log;
    this.directory = options.directory;
    this.instance = options.instance;
    this.retryFrame = encodeRetry(options.retryMs ?? 1000);
    this.maxQueueBytes = options.maxQueueBytes ?? 1024 * 1024;
    this.maxStallMs = options.maxStallMs ?? 10_000;
    this.now = options.now ?? Date.now;
    this.views = new TopicViews({ now: this.now });
    this.position = this.log.head();
    this.untail = this.log.tail((entry) => this.dispatch(entry));
    this.unreset = this.log.onReset((reset) => this.resetAll(reset));
    this.keepAlive = setInterval(() => this.sendKeepAlive(), options.keepAliveMs ?? 15_000);
    this.keepAlive.unref?.();
  }

  /** The id of the last entry this hub has dispatched; snapshots are taken here. */
  get head(): string {
    return this.position;
  }

  /**
   * Opens a stream: authorises each topic on its own (throwing before any byte
   * is sent only when every one is refused), then queues `retry`, `ready`, a
   * `topic_error` per refused topic, and either the replay after `lastEventId`
   * or fresh snapshots.
   */
  async open(request: OpenRequest<P>): Promise<Connection<P>> {
    const topics = [...new Set(request.topics)];
    if (topics.length === 0 || topics.length > MAX_TOPICS_PER_STREAM)
      throw new QuotelineError('invalid_topic', `Name between 1 and ${MAX_TOPICS_PER_STREAM} topics.`);
    const { accepted, refused } = await this.authorizeEach(topics, request.principal);
    const first = refused[0];
    if (accepted.length === 0 && first) throw new QuotelineError(first.code, first.message, { refused });

    const connection = new Connection(
      randomBytes(12).toString('base64url'),
      randomBytes(24).toString('base64url'),
      request.principal,
      { maxQueueBytes: this.maxQueueBytes, maxStallMs: this.maxStallMs, now: this.now },
      (c) => this.markDirty(c),
      (c, reason) => this.forget(c, reason),
    );
    if (request.symbols) connection.restrictTo(request.symbols);
    this.connections.set(connection.id, connection);
    this.opened++;

    connection.enqueue(this.retryFrame);
    const ready: ReadyEvent = {
      connectionId: connection.id,
      token: connection.token,
      instance: this.instance,
      protocol: PROTOCOL_VERSION,
      topics: accepted,
    };
    connection.enqueue(encodeEvent('ready', ready));
    for (const refusal of refused) connection.enqueue(encodeEvent('topic_error', refusal));

    if (request.lastEventId)
      await this.resume(connection, accepted, request.principal, request.lastEventId, request.latestOnly ?? false);
    else for (const topic of accepted) this.subscribe(connection, topic, request.principal);
    return connection;
  }

  /**
   * Adds and removes topics of an open stream; the token proves the caller owns
   * it. Each topic to add is decided on its own: the refused ones are listed,
   * the others added (up to the per-stream limit).
   */
  async changeSubscriptions(input: SubscriptionChange<P>): Promise<SubscriptionResult> {
    const connection = this.connections.get(input.connectionId);
    if (!connection) throw new QuotelineError('not_found', 'No open stream has this connectionId; reopen the stream.');
    if (!sameSecret(connection.token, input.token))
      throw new QuotelineError('forbidden', 'The token does not belong to this connection.');
    const principal = this.directory.principalFor
      ? this.directory.principalFor(connection.principal, input.principal)
      : input.principal;
    const wanted = [...new Set(input.subscribe)];
    const { accepted, refused } = await this.authorizeEach(
      wanted.filter((t) => !connection.topics.has(t)),
      principal,
    );
    if (connection.closedReason) throw new QuotelineError('not_found', 'The stream closed; reopen it.');
    for (const topic of input.unsubscribe) this.unsubscribe(connection, topic);
    for (const topic of accepted) {
      if (connection.topics.size >= MAX_TOPICS_PER_STREAM) {
        refused.push({
          topic,
          code: 'invalid_topic',
          message: `A stream carries at most ${MAX_TOPICS_PER_STREAM} topics; remove one before adding another.`,
        });
        continue;
      }
      this.subscribe(connection, topic, principal);
    }
    for (const [topic, ms] of Object.entries(input.rates ?? {}))
      for (const entry of connection.setRate(topic, ms)) this.sendThrottled(connection, entry);
    const order = new Map(wanted.map((t, i) => [echoTopic(t), i]));
    refused.sort((a, b) => (order.get(a.topic) ?? 0) - (order.get(b.topic) ?? 0));
    return { topics: [...connection.topics], refused };
  }

  /** True when this hub holds the open stream `connectionId` (a subscription change for it is applied here). */
  hasConnection(connectionId: string): boolean {
    return this.connections.has(connectionId);
  }

  /** Counts for health, tests and admins. */
  stats(): HubStats {
    const totals = { ...this.retired, maxPendingBytes: 0 };
    for (const c of this.connections.values()) {
      totals.delivered += c.stats.delivered;
      totals.bytes += c.stats.bytes;
      totals.conflated += c.stats.conflated;
      totals.dropped += c.stats.dropped;
      totals.maxPendingBytes = Math.max(totals.maxPendingBytes, c.pendingBytes);
    }
    const topics: Record<string, number> = {};
    for (const [topic, subs] of this.subscribers) topics[topic] = subs.size;
    return {
      connections: this.connections.size,
      opened: this.opened,
      topics,
      ...totals,
      closed: { ...this.closedCounts },
    };
  }

  /** Every open stream's backlog; the stats sampler picks the slowest. */
  consumers(): ConsumerLoad<P>[] {
    const now = this.now();
    return [...this.connections.values()].map((c) => ({
      id: c.id,
      principal: c.principal,
      topics: c.topics.size,
      pendingBytes: c.pendingBytes,
      lagMs: c.lagMs(now),
    }));
  }

  /**
   * Takes topics off open streams, each with a `topic_closed` saying why (a
   * sign-out, a narrowed key, a demotion); the streams go on with their other
   * topics. `select` sees each topic with who granted it and who opened the
   * stream. Returns how many streams lost a topic.
   */
  closeTopics(select: (topic: string, grantedTo: P, opener: P) => TopicClosure | null): number {
    let n = 0;
    for (const c of this.connections.values()) {
      let lost = false;
      for (const topic of [...c.topics]) {
        const closure = select(topic, c.grantedTo(topic), c.principal);
        if (!closure) continue;
        this.closeTopic(c, topic, closure);
        lost = true;
      }
      if (lost) n++;
    }
    return n;
  }

  /**
   * Ends the streams whose opener matches (e.g. of a revoked embed key): every
   * topic gets its `topic_closed`, which is written out before the stream ends.
   * Returns how many.
   */
  endWhere(matches: (opener: P) => boolean, closure: TopicClosure): number {
    const doomed = [...this.connections.values()].filter((c) => matches(c.principal));
    for (const c of doomed) {
      for (const topic of [...c.topics]) this.closeTopic(c, topic, closure);
      c.end('revoked');
    }
    return doomed.length;
  }

  /** Calls `visit` with every topic of every open stream, who granted it and who opened the stream (to re-check grants). */
  forEachGrant(visit: (topic: string, grantedTo: P, opener: P) => void): void {
    for (const c of this.connections.values())
      for (const topic of c.topics) visit(topic, c.grantedTo(topic), c.principal);
  }

  /** The openers of every open stream (to find, say, which embed keys are in use). */
  principals(): P[] {
    return [...this.connections.values()].map((c) => c.principal);
  }

  /** Closes every open stream with `reason`; clients reconnect and resume. */
  dropAll(reason: CloseReason): number {
    const open = [...this.connections.values()];
    for (const c of open) c.close(reason);
    return open.length;
  }

  /** Closes every stream (e.g. on SIGTERM) and stops listening to the log. */
  close(): void {
    clearInterval(this.keepAlive);
    if (this.throttleTimer) clearInterval(this.throttleTimer);
    this.untail();
    this.unreset();
    for (const c of [...this.connections.values()]) c.close('server_shutdown');
  }

  private subscribe(connection: Connection<P>, topic: string, grantedTo: P): void {
    if (!connection.addTopic(topic, grantedTo)) return;
    this.addSubscriber(topic, connection);
    // Snapshot at the hub's position: every later entry of this topic is dispatched after it.
    this.enqueueSnapshot(connection, topic);
  }

  /**
   * Off the stream now, then one `topic_closed` telling why. Frames of it still
   * queued are discarded when the reader lost the right to them; a deleted
   * feed's last frames (its `remove`s) still go out, ahead of the closing.
   */
  private closeTopic(connection: Connection<P>, topic: string, closure: TopicClosure): void {
    this.unsubscribe(connection, topic, closure.reason !== 'deleted');
    const event: TopicClosedEvent = { topic, reason: closure.reason, message: closure.message };
    connection.enqueue(encodeEvent('topic_closed', event));
  }

  /** Authorises topics one by one: a refusal (`invalid_topic`, `unknown_topic`, `forbidden`) refuses that topic alone; anything else fails the request. */
  private async authorizeEach(
    topics: readonly string[],
    principal: P,
  ): Promise<{ accepted: string[]; refused: TopicRefusal[] }> {
    const accepted: string[] = [];
    const refused: TopicRefusal[] = [];
    for (const topic of topics) {
      try {
        await this.directory.authorize(topic, principal);
        accepted.push(topic);
      } catch (error) {
        if (!(error instanceof QuotelineError) || !REFUSAL_CODES.has(error.code)) throw error;
        refused.push({ topic: echoTopic(topic), code: error.code as TopicRefusal['code'], message: error.message });
      }
    }
    return { accepted, refused };
  }

  private unsubscribe(connection: Connection<P>, topic: string, discard = true): void {
    if (!connection.removeTopic(topic, discard)) return;
    const subs = this.subscribers.get(topic);
    subs?.delete(connection);
    if (subs?.size === 0) this.subscribers.delete(topic);
  }

  private addSubscriber(topic: string, connection: Connection<P>): void {
    let subs = this.subscribers.get(topic);
    if (!subs) this.subscribers.set(topic, (subs = new Set()));
    subs.add(connection);
  }

  private async resume(
    connection: Connection<P>,
    topics: string[],
    grantedTo: P,
    lastEventId: string,
    latestOnly: boolean,
  ): Promise<void> {
    connection.beginResume();
    for (const topic of topics) if (connection.addTopic(topic, grantedTo)) this.addSubscriber(topic, connection);
    const result = await this.log.readAfter(lastEventId);
    if (connection.closedReason) return;
    if (!result.ok) {
      connection.finishResume(null); // the fresh snapshots include every held entry
      return this.reset(connection, topics, result.reason);
    }
    // Every missed event when it fits the queue; else only the latest update per symbol
    // (as conflation would have delivered); else a fresh snapshot is cheaper than the history.
    const budget = this.maxQueueBytes / 2;
    // A closing of a topic that is authorised again now (its feed re-created) is history, not news.
    let replay = result.entries.filter(
      (e) => e.type !== 'topic_closed' && connection.topics.has(e.topic) && connection.wants(symbolOf(e)),
    );
    if (latestOnly || bytesOf(replay) > budget) replay = compactReplay(replay);
    if (bytesOf(replay) > budget) {
      connection.finishResume(null);
      return this.reset(connection, topics, 'too_far_behind');
    }
    for (const entry of replay) connection.enqueue(entry.frame, entry.conflationKey, entry.topic);
    const held = connection.finishResume(result.entries.at(-1)?.id ?? lastEventId);
    for (const entry of held) this.deliver(connection, entry);
  }

  /** `reset` then fresh snapshots; the views already include every held entry, so the snapshots supersede them. */
  private reset(connection: Connection<P>, topics: string[], reason: ResetReason): void {
    connection.enqueue(encodeEvent('reset', { reason }, this.position));
    for (const topic of topics) this.enqueueSnapshot(connection, topic);
  }

  /**
   * The log lost track (e.g. Redis flushed or restored): what this hub missed is
   * unknown, so every stream gets `reset` and fresh snapshots at the log's new head.
   * A stream still waiting for its replay is dropped instead and resumes anew.
   */
  private resetAll(reset: LogReset): void {
    this.position = reset.head;
    for (const connection of [...this.connections.values()]) {
      if (connection.resuming) {
        connection.close('dropped');
        continue;
      }
      connection.forgetReplay();
      this.reset(connection, [...connection.topics], reset.reason);
    }
  }

  /** A topic's snapshot at the hub's position: a feed's `add`s (and `status` while paused), or a stats topic's latest samples. */
  private enqueueSnapshot(connection: Connection<P>, topic: string): void {
    for (const event of this.views.snapshotEvents(topic))
      if (event.type !== 'add' || connection.wants(event.data.symbol))
        connection.enqueue(encodeEvent(event.type, event.data, this.position), null, topic);
  }

  private dispatch(entry: LogEntry): void {
    this.views.apply(entry);
    this.position = entry.id;
    const subs = this.subscribers.get(entry.topic);
    if (!subs) return;
    for (const connection of subs) this.deliver(connection, entry);
  }

  private deliver(connection: Connection<P>, entry: LogEntry): void {
    if (connection.resuming) return connection.hold(entry);
    if (connection.alreadyReplayed(entry.id, this.compareIds)) return;
    if (entry.type === 'topic_closed') return this.closeTopic(connection, entry.topic, entry.data);
    if (!connection.wants(symbolOf(entry))) return;
    if (connection.throttled && entry.conflationKey !== null) {
      const rate = connection.rateOf(entry.topic);
      if (rate > 0) {
        if (connection.admit(entry, rate, this.now())) this.sendThrottled(connection, entry);
        else this.watchThrottled(connection);
        return;
      }
    }
    const batch = connection.batch ?? (connection.canShare() ? this.joinBatch(connection) : null);
    if (batch) {
      if (batch.entries.at(-1) !== entry) batch.entries.push(entry);
      return;
    }
    connection.enqueue(entry.frame, entry.conflationKey, entry.topic);
  }

  /** Puts a connection into this turn's batch of its topic set (created on first use). */
  private joinBatch(connection: Connection<P>): SharedBatch<P> {
    let batch = this.batches.get(connection.topicKey);
    if (!batch) {
      this.batches.set(connection.topicKey, (batch = { entries: [], members: new Set() }));
      this.scheduleFlush();
    }
    connection.joinBatch(batch);
    return batch;
  }

  /**
   * An update of a throttled topic goes out without its `id:` line: it may be
   * sent after later events, and ids along a stream never go back. (A resume
   * replays by the ids of the events around it; an update skipped meanwhile is
   * superseded by its symbol's next one, as conflation would.)
   */
  private sendThrottled(connection: Connection<P>, entry: LogEntry): void {
    connection.enqueue(withoutId(entry.frame), entry.conflationKey, entry.topic);
  }

  private watchThrottled(connection: Connection<P>): void {
    this.throttledConnections.add(connection);
    if (this.throttleTimer) return;
    this.throttleTimer = setInterval(() => this.releaseThrottled(), THROTTLE_SWEEP_MS);
    this.throttleTimer.unref?.();
  }

  private releaseThrottled(): void {
    const now = this.now();
    for (const c of this.throttledConnections) {
      const { due, more } = c.closedReason ? { due: [], more: false } : c.takeDue(now);
      for (const entry of due) this.sendThrottled(c, entry);
      if (!more) this.throttledConnections.delete(c);
    }
    if (this.throttledConnections.size === 0 && this.throttleTimer) {
      clearInterval(this.throttleTimer);
      this.throttleTimer = null;
    }
  }

  private sendKeepAlive(): void {
    for (const c of this.connections.values()) c.enqueue(KEEP_ALIVE_FRAME);
  }

  private markDirty(connection: Connection<P>): void {
    this.dirty.add(connection);
    this.scheduleFlush();
  }

  /**
   * One write per connection per event-loop turn, however many events arrived
   * in it: shared batches first (joined once, the same bytes to every member),
   * then each connection's own queue (snapshots, replays, backed-up readers).
   */
  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      const batches = [...this.batches.values()];
      this.batches.clear();
      for (const batch of batches) {
        if (batch.members.size === 0 || batch.entries.length === 0) continue;
        const bytes = batch.entries.length === 1 ? batch.entries[0]!.frame : joinFrames(batch.entries);
        for (const c of batch.members) c.writeShared(bytes, batch.entries);
      }
      const dirty = [...this.dirty];
      this.dirty.clear();
      for (const c of dirty) c.flush();
    });
  }

  private forget(connection: Connection<P>, reason: CloseReason): void {
    this.connections.delete(connection.id);
    this.dirty.delete(connection);
    for (const topic of connection.topics) {
      const subs = this.subscribers.get(topic);
      subs?.delete(connection);
      if (subs?.size === 0) this.subscribers.delete(topic);
    }
    this.retired.delivered += connection.stats.delivered;
    this.retired.bytes += connection.stats.bytes;
    this.retired.conflated += connection.stats.conflated;
    this.retired.dropped += connection.stats.dropped;
    this.closedCounts[reason] = (this.closedCounts[reason] ?? 0) + 1;
  }
}

/** How often held-back updates of throttled topics are let go (the smallest interval a topic may have). */
const THROTTLE_SWEEP_MS = 100;

/** A frame without its leading `id:` line (a view, no copy). */
function withoutId(frame: Uint8Array): Uint8Array {
  if (frame[0] !== 0x69 || frame[1] !== 0x64 || frame[2] !== 0x3a) return frame; // "id:"
  return frame.subarray(frame.indexOf(0x0a) + 1);
}

function joinFrames(entries: readonly LogEntry[]): Uint8Array {
  const out = new Uint8Array(bytesOf(entries));
  let at = 0;
  for (const e of entries) {
    out.set(e.frame, at);
    at += e.frame.byteLength;
  }
  return out;
}

function bytesOf(entries: readonly LogEntry[]): number {
  return entries.reduce((n, e) => n + e.frame.byteLength, 0);
}

/** Drops every market update a later update of the same symbol supersedes; everything else is kept, in order. */
function compactReplay(entries: LogEntry[]): LogEntry[] {
  const lastByKey = new Map<string, number>();
  entries.forEach((e, i) => {
    if (e.conflationKey !== null) lastByKey.set(e.conflationKey, i);
  });
  return entries.filter((e, i) => e.conflationKey === null || lastByKey.get(e.conflationKey) === i);
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
