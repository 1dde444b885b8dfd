import { encodeEvent, type StreamEvent, type TopicRefusal } from '@quoteline/protocol';

/** One stream the fake server holds open. */
export interface FakeStream {
  connectionId: string;
  token: string;
  topics: Set<string>;
  url: URL;
  closed: boolean;
  /** Writes one event (with `id` when given). */
  send(type: StreamEvent['type'], data: unknown, id?: string): void;
  /** Ends the body, as a server restart or a cut would. */
  end(): void;
}

let counter = 0;

/**
 * An in-memory server with the stream protocol's topic rules, behind a fake
 * `fetch`: feeds exist or not, `account:` topics are forbidden, anything else
 * is not a topic. GET answers 200 with `topic_error`s for refused topics, or
 * the first refusal's status when all are refused; POST decides each topic
 * on its own. For the client's unit and property tests.
 */
export class FakeStreamServer {
  readonly feeds = new Set<string>();
  readonly streams: FakeStream[] = [];
  /** Every GET's URL, in order. */
  readonly gets: URL[] = [];
  /** Every POST's body, in order. */
  readonly posts: { subscribe: string[]; unsubscribe: string[]; rates?: Record<string, number> }[] = [];
  /** When set, every GET is refused with this status and code (e.g. a revoked embed key). */
  refuseAll: { status: number; code: string; message: string } | null = null;
  /** When set, every POST answers this status (with the error shape), or fails at the network when 0. */
  postFailure: { status: number; code: string } | null = null;
  private offset = 0;

  constructor(feeds: readonly string[] = ['demo', 'fx']) {
    for (const f of feeds) this.feeds.add(f);
  }

  /** The streams still open. */
  get open(): FakeStream[] {
    return this.streams.filter((s) => !s.closed);
  }

  /** The next log id. */
  nextId(): string {
    return `ep:${++this.offset}`;
  }

  readonly fetch = (async (input: string | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), 'http://quoteline.test');
    if (init.method === 'POST')
      return this.post(
        JSON.parse(String(init.body)) as {
          connectionId: string;
          token: string;
          subscribe: string[];
          unsubscribe: string[];
        },
      );
    return this.get(url, init.signal ?? undefined);
  }) as typeof fetch;

  /** Deletes a feed: each stream carrying it gets `topic_closed` (deleted) and goes on. */
  deleteFeed(slug: string): void {
    this.feeds.delete(slug);
    const topic = `feed:${slug}`;
    for (const s of this.open) {
      if (!s.topics.delete(topic)) continue;
      s.send('topic_closed', { topic, reason: 'deleted', message: `The feed "${slug}" was deleted.` });
    }
  }

  /** Sends an update of a feed to every stream carrying it. */
  tick(slug: string, price: number, ts = Date.now()): void {
    const topic = `feed:${slug}`;
    const id = this.nextId();
    for (const s of this.open)
      if (s.topics.has(topic))
        s.send('update', { topic, symbol: slug.toUpperCase(), price, bid: price, ask: price, ts }, id);
  }

  private decide(topic: string): TopicRefusal | null {
    if (topic.startsWith('feed:') && /^feed:[a-z0-9-]+$/.test(topic))
      return this.feeds.has(topic.slice(5))
        ? null
        : { topic, code: 'unknown_topic', message: `There is no feed "${topic.slice(5)}".` };
    if (topic.startsWith('account:')) return { topic, code: 'forbidden', message: 'Not your account.' };
    return { topic, code: 'invalid_topic', message: `"${topic}" is not a topic.` };
  }

  private get(url: URL, signal?: AbortSignal): Response {
    this.gets.push(url);
    if (this.refuseAll)
      return Response.json(
        { error: { code: this.refuseAll.code, message: this.refuseAll.message } },
        { status: this.refuseAll.status },
      );
    const topics = [...new Set((url.searchParams.get('topics') ?? '').split(',').filter(Boolean))];
    const refused = topics.map((t) => this.decide(t)).filter((r): r is TopicRefusal => r !== null);
    const accepted = topics.filter((t) => !this.decide(t));
    if (accepted.length === 0) {
      const first = refused[0]!;
      const status = first.code === 'unknown_topic' ? 404 : first.code === 'forbidden' ? 403 : 400;
      return Response.json({ error: { code: first.code, message: first.message, refused } }, { status });
    }
    let controller!: ReadableStreamDefaultController<Uint8Array>;
    const body = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c) });
    const stream: FakeStream = {
      connectionId: `c${++counter}`,
      token: 't'.repeat(20),
      topics: new Set(accepted),
      url,
      closed: false,
      send(type, data, id) {
        if (stream.closed) return;
        controller.enqueue(encodeEvent(type, data, id));
      },
      end() {
        if (stream.closed) return;
        stream.closed = true;
        controller.close();
      },
    };
    signal?.addEventListener('abort', () => {
      if (stream.closed) return;
      stream.closed = true;
      controller.error(new DOMException('aborted', 'AbortError'));
    });
    this.streams.push(stream);
    stream.send('ready', {
      connectionId: stream.connectionId,
      token: stream.token,
      instance: 'fake',
      protocol: 2,
      topics: accepted,
    });
    for (const r of refused) stream.send('topic_error', r);
    const at = this.nextId();
    for (const t of accepted) if (t.startsWith('feed:')) stream.send('add', this.row(t), at);
    return new Response(body, { status: 200, headers: { 'Content-Type': 'text/event-stream' } });
  }

  private post(body: {
    connectionId: string;
    token: string;
    subscribe: string[];
    unsubscribe: string[];
    rates?: Record<string, number>;
  }): Response {
    const { subscribe, unsubscribe, rates } = body;
    this.posts.push(rates ? { subscribe, unsubscribe, rates } : { subscribe, unsubscribe });
    if (this.postFailure?.status === 0) throw new TypeError('fetch failed');
    if (this.postFailure)
      return Response.json(
        { error: { code: this.postFailure.code, message: 'Refused by the test.' } },
        { status: this.postFailure.status },
      );
    const stream = this.open.find((s) => s.connectionId === body.connectionId);
    if (!stream)
      return Response.json(
        { error: { code: 'not_found', message: 'No open stream has this connectionId.' } },
        { status: 404 },
      );
    for (const t of body.unsubscribe) stream.topics.delete(t);
    const refused: TopicRefusal[] = [];
    const at = this.nextId();
    for (const t of body.subscribe) {
      const refusal = this.decide(t);
      if (refusal) refused.push(refusal);
      else if (!stream.topics.has(t)) {
        stream.topics.add(t);
        if (t.startsWith('feed:')) stream.send('add', this.row(t), at);
      }
    }
    return Response.json({ topics: [...stream.topics], refused });
  }

  private row(topic: string) {
    const symbol = topic.slice(5).toUpperCase();
    return { topic, symbol, name: symbol, price: 1, bid: 1, ask: 1, open: 1, decimals: 2, ts: Date.now() };
  }
}
