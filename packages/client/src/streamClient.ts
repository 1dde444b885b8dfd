import type { ErrorBody, ReadyEvent, StreamEvent, SubscriptionResponse, TopicRefusal } from '@quoteline/protocol';
import { backoffDelay } from './connection/backoff';
import { StreamConnection } from './connection/streamConnection';
import { Subscriptions, type SubscriptionChangeRequest, type TopicProblemCode } from './subscriptions/subscriptions';
import { OUT_OF_SIGHT_INTERVAL_MS, TopicReaders } from './subscriptions/topicReaders';
import { applyFeedEvents, EMPTY_FEED, type FeedState } from './feedState';
import type { ConnectionStatus } from './status';

/** How a subscriptions POST went: answered, the stream unknown to the server, the request refused, or no answer. */
type PostAnswer =
  | { kind: 'ok'; body: SubscriptionResponse }
  | { kind: 'gone' }
  | { kind: 'refused'; code: TopicRefusal['code']; message: string }
  | { kind: 'failed' };

/** Receives the events of one topic (and `reset`, which concerns every topic of the stream). */
export type TopicListener = (event: StreamEvent) => void;

/** What widgets need from a stream: topic events and the connection status. The page client and the SharedWorker proxy both offer it. */
export interface TopicStream {
  readonly status: ConnectionStatus;
  onStatus(listener: (status: ConnectionStatus) => void): () => void;
  subscribe(topic: string, listener: TopicListener): () => void;
  /** Asks again for a refused or closed topic someone listens to (a person pressed "Try again"). */
  retry(topic: string): void;
  /**
   * Says whether a listener's widgets are in sight (on screen in a visible
   * tab). While every listener of a topic is out of sight the stream carries
   * it at one update per symbol per second; back in sight, at full rate at once.
   */
  setInSight?(topic: string, listener: TopicListener, inSight: boolean): void;
}

/** What the client needs from the browser; tests pass fakes. */
export interface StreamClientOptions {
  /** Stream endpoint (default `/api/stream`). */
  url?: string;
  /** Subscriptions endpoint (default `${url}/subscriptions`). */
  subscriptionsUrl?: string;
  /** Extra query parameters, e.g. an embed `key`. */
  params?: Record<string, string>;
  fetch?: typeof fetch;
  random?: () => number;
  now?: () => number;
  /** How long a topic nobody listens to stays subscribed, so remounts do not churn (default 1 s). */
  lingerMs?: number;
  /** Send cookies (our own pages: yes; embeds on other origins: no, they are anonymous). */
  credentials?: boolean;
  /** How much older than the freshest an update may arrive before the client resumes afresh (default 3 s). */
  staleAfterMs?: number;
  /** First wait before asking again for a feed that did not exist (default 30 s, doubling to 5 min). */
  retryMs?: number;
}

/**
 * The page's one stream, in three parts: the connection (open, backoff,
 * resume, staleness), the subscriptions (wanted, carried and refused topics;
 * the POST), and the feed rows it keeps so a listener joining a live topic
 * starts from them. A refused or closed topic touches only its own listeners:
 * they get its `topic_error` / `topic_closed`; it never enters a stream URL
 * again until a widget asks for it anew (a missing feed is asked again, slowly,
 * over POST), and every other topic goes on.
 */
export class StreamClient implements TopicStream {
  private readonly lingering = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly statusListeners = new Set<(status: ConnectionStatus) => void>();
  private readonly listeners = new TopicReaders<TopicListener>();
  private readonly subscriptions: Subscriptions;
  private readonly connection: StreamConnection;
  /** Topics whose state the page holds continuously up to the last event id: only those can resume. */
  private readonly held = new Set<string>();
  /** Current rows of every feed topic on the stream, for listeners that join later. */
  private readonly feeds = new Map<string, FeedState>();
  private ready: ReadyEvent | null = null;
  private syncScheduled = false;
  private syncing: Promise<void> = Promise.resolve();
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  /** Subscription POSTs that failed in a row (network, 5xx): the next waits longer. */
  private postFailures = 0;
  private postRetryTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly random: () => number;
  private readonly fetch: typeof fetch;
  private readonly subscriptionsUrl: string;
  private readonly credentials: boolean;
  private readonly lingerMs: number;
  private readonly now: () => number;

  constructor(options: StreamClientOptions = {}) {
    const url = options.url ?? '/api/stream';
    this.fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.subscriptionsUrl = options.subscriptionsUrl ?? `${url}/subscriptions`;
    this.credentials = options.credentials ?? true;
    this.lingerMs = options.lingerMs ?? 1000;
    const now = (this.now = options.now ?? Date.now);
    const random = (this.random = options.random ?? Math.random);
    this.subscriptions = new Subscriptions({ now, random, retryBaseMs: options.retryMs });
    this.connection = new StreamConnection(
      {
        url,
        params: options.params ?? {},
        fetch: this.fetch,
        credentials: this.credentials,
        random,
        now,
        staleAfterMs: options.staleAfterMs,
      },
      {
        onReady: (ready, requested) => this.onReady(ready, requested),
        onEvent: (type, data, id) => this.onEvent({ type, data, id } as StreamEvent),
        onRefused: (topics, _status, body) => this.onRefused(topics, body),
        onDrop: () => {
          this.ready = null;
          this.subscriptions.streamGone();
        },
        reconnect: () => this.scheduleSync(),
      },
      (status) => this.statusListeners.forEach((l) => l(status)),
    );
  }

  /** The stream's status now. */
  get status(): ConnectionStatus {
    return this.connection.status;
  }

  /** Listens to status changes; returns the unsubscribe. */
  onStatus(listener: (status: ConnectionStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  /** Listens to a topic; a new listener is a widget asking for it (again), the last one leaving lets it go after the linger. */
  subscribe(topic: string, listener: TopicListener): () => void {
    const lingering = this.lingering.get(topic);
    if (lingering) clearTimeout(lingering);
    this.lingering.delete(topic);
    this.listeners.add(topic, listener);
    this.subscriptions.ask(topic);
    // The topic is already live: this listener gets its current rows (the stream will not send the snapshot again).
    if (this.ready && this.subscriptions.carries(topic) && this.feeds.has(topic))
      queueMicrotask(() => this.replayTo(topic, listener));
    this.scheduleSync();
    this.updateRate(topic);
    return () => {
      const left = this.listeners.remove(topic, listener);
      if (left === 'others') this.updateRate(topic);
      if (left !== 'last') return;
      this.lingering.set(
        topic,
        setTimeout(() => {
          this.lingering.delete(topic);
          if (this.listeners.of(topic).size > 0) return;
          this.feeds.delete(topic);
          this.subscriptions.release(topic);
          this.scheduleSync();
        }, this.lingerMs),
      );
    };
  }

  setInSight(topic: string, listener: TopicListener, inSight: boolean): void {
    if (this.listeners.mark(topic, listener, inSight)) this.updateRate(topic);
  }

  /** Asks again for a topic that was refused or closed, if anyone still wants it. */
  retry(topic: string): void {
    if (!this.listeners.of(topic).size) return;
    this.subscriptions.ask(topic);
    this.scheduleSync();
  }

  /** Closes the stream for good (tests, page teardown). */
  close(): void {
    this.closeStream();
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    if (this.postRetryTimer) clearTimeout(this.postRetryTimer);
    this.postRetryTimer = null;
  }

  /** One update per symbol per second for a topic only its out-of-sight widgets read; else every update. */
  private updateRate(topic: string): void {
    if (!this.listeners.of(topic).size) return;
    this.subscriptions.setRate(topic, this.listeners.outOfSight(topic) ? OUT_OF_SIGHT_INTERVAL_MS : 0);
    this.scheduleSync();
  }

  /** Ends the stream (nothing left to carry); refused topics due later may open another. */
  private closeStream(): void {
    this.connection.close();
    this.ready = null;
    this.subscriptions.streamGone();
  }

  /** Brings the stream in line with the wanted topics: open, POST changes, or close when none are left. */
  private scheduleSync(): void {
    if (this.syncScheduled) return;
    this.syncScheduled = true;
    queueMicrotask(() => {
      this.syncScheduled = false;
      this.syncing = this.syncing.then(() => this.sync()).catch(() => undefined);
    });
  }

  private async sync(): Promise<void> {
    this.scheduleRetry();
    const topics = this.subscriptions.streamTopics();
    if (!this.connection.active) {
      // No stream: open one for the wanted topics, or, when every one was refused, for those due to be asked again.
      const open = topics.length > 0 ? topics : this.subscriptions.dueTopics();
      if (open.length > 0) this.openStream(open);
      return;
    }
    if (this.connection.waiting) return; // the reconnect will sync again
    if (topics.length === 0 && this.subscriptions.dueTopics().length === 0) return this.closeStream();
    const ready = this.ready;
    if (!ready || this.postRetryTimer) return; // the `ready` handler, or the POST's retry, syncs again
    const change = this.subscriptions.takeChanges();
    if (!change) return;
    for (const topic of change.subscribe) this.prepare(topic);
    for (const topic of change.unsubscribe) this.held.delete(topic);
    const answer = await this.post(ready, change);
    if (this.ready !== ready) return; // the stream changed meanwhile; its own ready syncs again
    if (answer.kind !== 'ok') {
      this.subscriptions.changeFailed(change);
      for (const topic of change.subscribe) this.held.delete(topic);
      if (answer.kind === 'gone') return this.connection.restart(); // the server no longer knows this stream: reconnect, resuming what is held
      if (answer.kind === 'refused') {
        // This very request is refused (e.g. the key no longer allows this page): asking again would be too.
        for (const topic of change.subscribe) this.refuse(topic, answer.code, answer.message);
        return;
      }
      // Unreachable, or the server failed: ask again later, longer each time.
      this.postRetryTimer = setTimeout(
        () => {
          this.postRetryTimer = null;
          this.scheduleSync();
        },
        backoffDelay(this.postFailures++, this.random),
      );
      return;
    }
    this.postFailures = 0;
    const result = answer.body;
    this.subscriptions.changed(change, result);
    const added = change.subscribe.filter((t) => result.topics.includes(t));
    for (const topic of added) this.held.add(topic);
    this.announce(added, ready);
    for (const refusal of result.refused) this.refuse(refusal.topic, refusal.code, refusal.message);
    this.scheduleSync();
  }

  private async post(ready: ReadyEvent, change: SubscriptionChangeRequest): Promise<PostAnswer> {
    const response = await this.fetch(this.subscriptionsUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      credentials: this.credentials ? 'include' : 'omit',
      body: JSON.stringify({ connectionId: ready.connectionId, token: ready.token, ...change }),
    }).catch(() => null);
    if (!response) return { kind: 'failed' };
    const body = (await response.json().catch(() => null)) as (SubscriptionResponse & ErrorBody) | null;
    if (response.ok && body && Array.isArray(body.topics))
      return { kind: 'ok', body: { topics: body.topics, refused: body.refused ?? [] } };
    if (response.status === 404) return { kind: 'gone' };
    if (response.status >= 400 && response.status < 500 && response.status !== 408 && response.status !== 429) {
      const code = body?.error?.code === 'invalid_topic' ? 'invalid_topic' : 'forbidden';
      return { kind: 'refused', code, message: body?.error?.message ?? 'The server refused to add this topic.' };
    }
    return { kind: 'failed' };
  }

  private openStream(topics: readonly string[]): void {
    // Only topics whose state the page holds can be resumed; anything else starts from fresh snapshots.
    const resume = this.connection.lastEventId !== null && topics.every((t) => this.held.has(t));
    if (!resume) {
      this.held.clear();
      const reset: StreamEvent = { type: 'reset', data: { reason: 'unknown_id' } };
      for (const topic of topics) {
        if (this.feeds.has(topic)) this.feeds.set(topic, EMPTY_FEED);
        this.deliver(topic, reset);
      }
    }
    this.connection.open(topics, resume);
  }

  private onReady(ready: ReadyEvent, requested: readonly string[]): void {
    this.ready = ready;
    this.subscriptions.streamReady(ready.topics, requested);
    this.held.clear();
    for (const topic of ready.topics) {
      this.held.add(topic);
      this.subscriptions.accepted(topic);
    }
    // Tell each topic its snapshot follows, so an empty feed reads as loaded rather than loading.
    this.announce(ready.topics, ready);
    this.scheduleSync();
  }

  private onEvent(event: StreamEvent): void {
    if (event.type === 'reset') {
      for (const topic of this.held) {
        if (this.feeds.has(topic)) this.feeds.set(topic, EMPTY_FEED);
        this.deliver(topic, event);
      }
      return;
    }
    if (event.type === 'topic_error') return this.refuse(event.data.topic, event.data.code, event.data.message);
    if (event.type === 'topic_closed') {
      this.refuse(event.data.topic, event.data.reason, event.data.message, event);
      this.scheduleSync(); // nothing left to carry: the stream closes
      return;
    }
    const topic = (event.data as { topic?: string }).topic;
    if (!topic) return;
    const feed = this.feeds.get(topic);
    if (feed) this.feeds.set(topic, applyFeedEvents(feed, [event]));
    this.deliver(topic, event);
  }

  /** Every topic of a GET was refused (or its key): each is remembered and its listeners told; other wanted topics may still open. */
  private onRefused(topics: readonly string[], body: ErrorBody | null): void {
    this.ready = null;
    this.subscriptions.streamGone();
    const error = body?.error;
    const refused: TopicRefusal[] =
      error?.refused?.map((r) => ({ topic: r.topic, code: r.code as TopicRefusal['code'], message: r.message })) ??
      topics.map((topic) => ({
        topic,
        code: error?.code === 'unknown_topic' || error?.code === 'invalid_topic' ? error.code : 'forbidden',
        message: error?.message ?? 'The server refused this stream.',
      }));
    for (const r of refused) this.refuse(r.topic, r.code, r.message);
    this.scheduleSync();
  }

  /** A topic is not on the stream, and why: remembered (so it stays out of stream URLs) and told to its listeners only. */
  private refuse(topic: string, code: TopicProblemCode, message: string, closed?: StreamEvent): void {
    this.subscriptions.refuse(topic, code, message);
    this.held.delete(topic);
    this.feeds.delete(topic);
    const event: StreamEvent = closed ?? {
      type: 'topic_error',
      data: { topic, code: code as TopicRefusal['code'], message },
    };
    this.deliver(topic, event);
    this.scheduleRetry();
  }

  /** A topic about to be added over POST: its snapshot may arrive before the answer, so its rows are held from now on. */
  private prepare(topic: string): void {
    if (!topic.startsWith('feed:')) return;
    this.feeds.set(topic, EMPTY_FEED);
    // A state a listener kept from an earlier subscription may say paused; the snapshot says so again if it still is.
    this.deliver(topic, { type: 'status', data: { topic, status: 'running' } });
  }

  private announce(topics: readonly string[], ready: ReadyEvent): void {
    for (const t of topics) if (t.startsWith('feed:') && !this.feeds.has(t)) this.feeds.set(t, EMPTY_FEED);
    const event: StreamEvent = { type: 'ready', data: ready };
    for (const t of topics) this.deliver(t, event);
  }

  private replayTo(topic: string, listener: TopicListener): void {
    const feed = this.feeds.get(topic);
    if (!feed || !this.ready || !this.listeners.of(topic).has(listener)) return;
    listener({ type: 'ready', data: { ...this.ready, topics: [topic] } });
    for (const symbol of feed.symbols) {
      const { previousPrice: _previous, ...add } = feed.rows[symbol]!;
      listener({ type: 'add', data: add });
    }
    if (feed.status === 'paused') listener({ type: 'status', data: { topic, status: 'paused' } });
  }

  private deliver(topic: string, event: StreamEvent): void {
    for (const l of this.listeners.of(topic)) l(event);
  }

  /** Wakes up when the next refused topic is due to be asked again. */
  private scheduleRetry(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const at = this.subscriptions.nextRetryAt();
    if (at === null) return;
    this.retryTimer = setTimeout(
      () => {
        this.retryTimer = null;
        this.scheduleSync();
      },
      Math.max(0, at - this.now()),
    );
  }
}
