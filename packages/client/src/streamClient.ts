import type { EventType, ReadyEvent, StreamEvent } from '@quoteline/protocol';
import { backoffDelay } from './backoff';
import { applyFeedEvents, EMPTY_FEED, type FeedState } from './feedState';
import type { ConnectionStatus } from './status';

/** Receives the events of one topic (and `reset`, which concerns every topic). */
export type TopicListener = (event: StreamEvent) => void;

/** What widgets need from a stream: topic events and the connection status. The page client and the SharedWorker proxy both offer it. */
export interface TopicStream {
  readonly status: ConnectionStatus;
  onStatus(listener: (status: ConnectionStatus) => void): () => void;
  subscribe(topic: string, listener: TopicListener): () => void;
}

/** What the client needs from the browser; tests pass fakes. */
export interface StreamClientOptions {
  /** Stream endpoint (default `/api/stream`). */
  url?: string;
  /** Subscriptions endpoint (default `${url}/subscriptions`). */
  subscriptionsUrl?: string;
  /** Extra query parameters, e.g. an embed `key`. */
  params?: Record<string, string>;
  EventSource?: typeof EventSource;
  fetch?: typeof fetch;
  random?: () => number;
  /** How long a topic nobody listens to stays subscribed, so remounts do not churn (default 1 s). */
  lingerMs?: number;
  /** Send cookies (our own pages: yes; embeds on other origins: no, they are anonymous). */
  credentials?: boolean;
}

const EVENT_TYPES: EventType[] = ['ready', 'add', 'remove', 'update', 'reset', 'order', 'fill', 'position', 'status', 'stats'];

interface TopicEntry {
  listeners: Set<TopicListener>;
  /** true once the stream carries this topic (its snapshot is on the way or done) */
  onStream: boolean;
  lingerTimer: ReturnType<typeof setTimeout> | null;
}

/**
 * The page's one stream. Widgets subscribe to topics; the client opens one
 * EventSource for all of them, adds later topics over POST on the same stream,
 * and reconnects with exponential backoff and full jitter, resuming from the
 * last event id. Connection code only: topic state lives in the React layer.
 */
export class StreamClient implements TopicStream {
  private readonly options: Required<Omit<StreamClientOptions, 'params'>> & { params: Record<string, string> };
  private readonly topics = new Map<string, TopicEntry>();
  private readonly statusListeners = new Set<(status: ConnectionStatus) => void>();
  private source: EventSource | null = null;
  private ready: ReadyEvent | null = null;
  private lastEventId: string | null = null;
  private attempt = 0;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private syncScheduled = false;
  private syncing: Promise<void> = Promise.resolve();
  private currentStatus: ConnectionStatus = 'idle';
  /** Current rows of every feed topic whose snapshot has begun, so a listener joining later starts from them. */
  private readonly feeds = new Map<string, FeedState>();

  constructor(options: StreamClientOptions = {}) {
    const url = options.url ?? '/api/stream';
    this.options = {
      url,
      subscriptionsUrl: options.subscriptionsUrl ?? `${url}/subscriptions`,
      params: options.params ?? {},
      EventSource: options.EventSource ?? globalThis.EventSource,
      fetch: options.fetch ?? globalThis.fetch.bind(globalThis),
      random: options.random ?? Math.random,
      lingerMs: options.lingerMs ?? 1000,
      credentials: options.credentials ?? true,
    };
  }

  /** The stream's status now. */
  get status(): ConnectionStatus {
    return this.currentStatus;
  }

  /** Listens to status changes; returns the unsubscribe. */
  onStatus(listener: (status: ConnectionStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  /** Listens to a topic; the first listener subscribes it on the stream, the last one leaving unsubscribes it. */
  subscribe(topic: string, listener: TopicListener): () => void {
    let entry = this.topics.get(topic);
    if (!entry) this.topics.set(topic, (entry = { listeners: new Set(), onStream: false, lingerTimer: null }));
    if (entry.lingerTimer) clearTimeout(entry.lingerTimer);
    entry.lingerTimer = null;
    entry.listeners.add(listener);
    const joined = entry;
    // The topic is already live: this listener gets its current rows (the stream will not send the snapshot again).
    if (this.ready && this.feeds.has(topic))
      queueMicrotask(() => {
        const feed = this.feeds.get(topic);
        if (!feed || !this.ready || !joined.listeners.has(listener)) return;
        listener({ type: 'ready', data: { ...this.ready, topics: [topic] } });
        for (const symbol of feed.symbols) {
          const { previousPrice: _previous, ...add } = feed.rows[symbol]!;
          listener({ type: 'add', data: add });
        }
        if (feed.status === 'paused') listener({ type: 'status', data: { topic, status: 'paused' } });
      });
    this.scheduleSync();
    return () => {
      const current = this.topics.get(topic);
      if (!current || !current.listeners.delete(listener) || current.listeners.size > 0) return;
      current.lingerTimer = setTimeout(() => {
        if (current.listeners.size === 0) {
          this.topics.delete(topic);
          this.feeds.delete(topic);
          this.scheduleSync();
        }
      }, this.options.lingerMs);
    };
  }

  /** Closes the stream for good (tests, page teardown). */
  close(): void {
    this.source?.close();
    this.source = null;
    this.ready = null;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.setStatus('idle');
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
    const wanted = [...this.topics.keys()];
    if (wanted.length === 0) {
      if (this.source) this.close();
      return;
    }
    if (!this.source && !this.reconnectTimer) {
      this.open();
      return;
    }
    const ready = this.ready;
    if (!ready) return; // the `ready` handler syncs again
    const subscribe = wanted.filter((t) => !this.topics.get(t)!.onStream);
    const unsubscribe = ready.topics.filter((t) => !this.topics.has(t));
    if (subscribe.length === 0 && unsubscribe.length === 0) return;
    for (const t of subscribe) {
      this.topics.get(t)!.onStream = true;
      if (!t.startsWith('feed:')) continue;
      // Its snapshot may arrive before the POST answers: hold its rows from now on. A state a
      // listener kept from an earlier subscription may say paused; the snapshot says so again if it still is.
      this.feeds.set(t, EMPTY_FEED);
      const running: StreamEvent = { type: 'status', data: { topic: t, status: 'running' } };
      for (const l of this.topics.get(t)!.listeners) l(running);
    }
    const response = await this.options.fetch(this.options.subscriptionsUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      credentials: this.options.credentials ? 'include' : 'omit',
      body: JSON.stringify({ connectionId: ready.connectionId, token: ready.token, subscribe, unsubscribe }),
    }).catch(() => null);
    if (response?.ok) {
      const body = (await response.json()) as { topics: string[] };
      if (this.ready === ready) ready.topics = body.topics;
      this.announce(subscribe, ready);
      return;
    }
    // The stream is gone or refused the change: reopen with every wanted topic.
    for (const t of subscribe) {
      const entry = this.topics.get(t);
      if (entry) entry.onStream = false;
    }
    if (this.ready === ready) this.reconnect();
  }

  private open(): void {
    const topics = [...this.topics.keys()];
    const params = new URLSearchParams({ ...this.options.params, topics: topics.join(',') });
    // Only topics whose state the page already holds can be resumed; the rest get snapshots later over POST.
    const resumable = this.lastEventId !== null && topics.every((t) => this.topics.get(t)!.onStream);
    if (resumable) params.set('lastEventId', this.lastEventId!);
    else {
      // A fresh snapshot replaces whatever the page held.
      this.lastEventId = null;
      this.feeds.clear();
      const reset = { type: 'reset', data: { reason: 'unknown_id' } } as StreamEvent;
      for (const entry of this.topics.values()) for (const l of entry.listeners) l(reset);
    }
    for (const t of topics) this.topics.get(t)!.onStream = true;
    this.setStatus(this.attempt === 0 ? 'connecting' : 'reconnecting');
    const source = new this.options.EventSource(`${this.options.url}?${params}`, { withCredentials: this.options.credentials });
    this.source = source;
    for (const type of EVENT_TYPES) source.addEventListener(type, (message) => this.onMessage(source, type, message as MessageEvent<string>));
    source.onerror = () => {
      if (this.source === source) this.reconnect();
    };
  }

  private onMessage(source: EventSource, type: EventType, message: MessageEvent<string>): void {
    if (this.source !== source) return;
    if (message.lastEventId) this.lastEventId = message.lastEventId;
    const data = JSON.parse(message.data) as { topic?: string };
    if (type === 'ready') {
      const ready = data as ReadyEvent;
      this.ready = ready;
      this.attempt = 0;
      this.setStatus('live');
      // Tell each topic its snapshot follows, so an empty feed reads as loaded rather than loading.
      this.announce(ready.topics, ready);
      this.scheduleSync();
      return;
    }
    const event = { type, data, id: message.lastEventId || undefined } as StreamEvent;
    if (type === 'reset') {
      for (const topic of this.feeds.keys()) this.feeds.set(topic, EMPTY_FEED);
      for (const entry of this.topics.values()) for (const l of entry.listeners) l(event);
      return;
    }
    const feed = data.topic ? this.feeds.get(data.topic) : undefined;
    if (feed) this.feeds.set(data.topic!, applyFeedEvents(feed, [event]));
    const entry = data.topic ? this.topics.get(data.topic) : undefined;
    if (entry) for (const l of entry.listeners) l(event);
  }

  private announce(topics: readonly string[], ready: ReadyEvent): void {
    for (const t of topics) if (t.startsWith('feed:') && !this.feeds.has(t)) this.feeds.set(t, EMPTY_FEED);
    const event: StreamEvent = { type: 'ready', data: ready };
    for (const t of topics) for (const l of this.topics.get(t)?.listeners ?? []) l(event);
  }

  private reconnect(): void {
    this.source?.close();
    this.source = null;
    this.ready = null;
    if (this.reconnectTimer) return;
    const offline = typeof navigator !== 'undefined' && navigator.onLine === false;
    this.setStatus(offline ? 'offline' : 'reconnecting');
    const delay = backoffDelay(this.attempt++, this.options.random);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      if (this.topics.size > 0) this.open();
    }, delay);
  }

  private setStatus(status: ConnectionStatus): void {
    if (status === this.currentStatus) return;
    this.currentStatus = status;
    for (const l of this.statusListeners) l(status);
  }
}
