import type { EventSourceMessage } from 'eventsource-parser';
import type { ErrorBody, ReadyEvent } from '@quoteline/protocol';
import type { ConnectionStatus } from '../status';
import { backoffDelay } from './backoff';
import { openEventStream, type EventStream } from './eventStream';
import { StalenessWatch } from './staleness';

/** Where the stream is and how to reach it; the fetch, clock and randomness are for tests. */
export interface StreamConnectionOptions {
  url: string;
  /** Extra query parameters, e.g. an embed `key`. */
  params: Record<string, string>;
  fetch: typeof fetch;
  /** Send cookies (our own pages: yes; embeds on other origins: no, they are anonymous). */
  credentials: boolean;
  random: () => number;
  now: () => number;
  /** How much older than the freshest an update may arrive before the stream resumes afresh (default 3 s). */
  staleAfterMs?: number;
}

/** What the connection tells its owner. */
export interface ConnectionEvents {
  /** The stream's `ready`, and the topics the request named (those it lacks get their `topic_error` next). */
  onReady(ready: ReadyEvent, requested: readonly string[]): void;
  /** Any other frame, parsed (`id` when it had one). */
  onEvent(type: string, data: unknown, id: string | undefined): void;
  /** The server refused the whole request (every topic, or the key): these topics are not on any stream. */
  onRefused(topics: readonly string[], status: number, body: ErrorBody | null): void;
  /** The stream ended; the owner is asked to `reconnect` after a backoff. */
  onDrop(): void;
  /** Time to open again: the owner calls `open` with the topics it wants now (or does nothing). */
  reconnect(): void;
}

/**
 * The page's one stream request at a time: opens it, reports its frames,
 * keeps the last event id, and after a drop waits with exponential backoff
 * and full jitter before asking its owner to reconnect (resuming from that
 * id when the owner says the state can be kept). It also resumes at once when
 * it finds itself reading old news (`StalenessWatch`).
 */
export class StreamConnection {
  private stream: EventStream | null = null;
  private attempt = 0;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private currentStatus: ConnectionStatus = 'idle';
  private lastId: string | null = null;
  private readonly staleness: StalenessWatch;

  constructor(
    private readonly options: StreamConnectionOptions,
    private readonly events: ConnectionEvents,
    private readonly onStatus: (status: ConnectionStatus) => void,
  ) {
    this.staleness = new StalenessWatch(options.staleAfterMs ?? 3_000);
  }

  get status(): ConnectionStatus {
    return this.currentStatus;
  }

  /** The id of the last event received, to resume from. */
  get lastEventId(): string | null {
    return this.lastId;
  }

  /** True while a request is open or a reconnect is waiting. */
  get active(): boolean {
    return this.stream !== null || this.reconnectTimer !== null;
  }

  /** True while a reconnect waits for its backoff. */
  get waiting(): boolean {
    return this.reconnectTimer !== null;
  }

  /** Set after reading old news: the next resume asks for only the latest update per symbol. */
  private catchingUp = false;

  /** Opens a stream of `topics`, resuming after the last event id when `resume` (else that id is forgotten). */
  open(topics: readonly string[], resume: boolean): void {
    this.stream?.close();
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    if (!resume) this.lastId = null;
    this.staleness.clear();
    const params = new URLSearchParams({ ...this.options.params, topics: topics.join(',') });
    if (resume && this.lastId) params.set('lastEventId', this.lastId);
    if (resume && this.lastId && this.catchingUp) params.set('replay', 'latest');
    this.catchingUp = false;
    this.setStatus(this.attempt === 0 ? 'connecting' : 'reconnecting');
    const stream: EventStream = openEventStream(
      `${this.options.url}?${params}`,
      { fetch: this.options.fetch, credentials: this.options.credentials },
      {
        onOpen: () => undefined,
        onMessage: (message) => this.stream === stream && this.receive(message, topics),
        onRefused: (status, body) => {
          if (this.stream !== stream) return;
          this.stream = null;
          this.setStatus('idle');
          this.events.onRefused(topics, status, body);
        },
        onDrop: () => {
          if (this.stream === stream) this.drop();
        },
      },
    );
    this.stream = stream;
  }

  /** Drops the stream as if it had ended: reconnects after the backoff (e.g. the server no longer knows it). */
  restart(): void {
    if (this.stream) this.drop();
  }

  /** Closes the stream for good (no topics left, page teardown). */
  close(): void {
    this.stream?.close();
    this.stream = null;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    this.attempt = 0;
    this.setStatus('idle');
  }

  private receive(message: EventSourceMessage, requested: readonly string[]): void {
    const type = message.event ?? 'message';
    // The server validated every payload it published; the browser bundle carries no schemas to check them again.
    let data: { topic?: string; ts?: number };
    try {
      data = JSON.parse(message.data) as typeof data;
    } catch {
      return; // not ours: the server only sends JSON
    }
    if (type === 'ready') {
      this.attempt = 0;
      this.setStatus('live');
      this.events.onReady(JSON.parse(message.data) as ReadyEvent, requested);
      return;
    }
    if (
      type === 'update' &&
      data.topic &&
      typeof data.ts === 'number' &&
      this.staleness.isStale(data.topic, data.ts, this.options.now())
    ) {
      // What we read waited in a buffer: resume now (from before this event), asking only for what is still news.
      this.catchingUp = true;
      this.stream?.close();
      this.stream = null;
      this.events.onDrop();
      this.events.reconnect();
      return;
    }
    if (message.id) this.lastId = message.id;
    this.events.onEvent(type, data, message.id);
  }

  private drop(): void {
    this.stream?.close();
    this.stream = null;
    this.events.onDrop();
    if (this.reconnectTimer) return;
    const offline = typeof navigator !== 'undefined' && navigator.onLine === false;
    this.setStatus(offline ? 'offline' : 'reconnecting');
    this.reconnectTimer = setTimeout(
      () => {
        this.reconnectTimer = null;
        this.events.reconnect();
      },
      backoffDelay(this.attempt++, this.options.random),
    );
  }

  private setStatus(status: ConnectionStatus): void {
    if (status === this.currentStatus) return;
    this.currentStatus = status;
    this.onStatus(status);
  }
}
