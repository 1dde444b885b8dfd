import type { Page } from '@playwright/test';
import { createStreamParser } from '@quoteline/protocol/parser';

/** One SSE frame of a stream as the browser received it. */
export interface WireFrame {
  /** ms since the epoch, when the test heard of it */
  at: number;
  type: string;
  /** the frame's topic; '' for comments (keep-alives) and events of the whole stream (`ready`, `reset`) */
  topic: string;
  symbol?: string;
  /** the frame carried an `id:` line (a throttled topic's updates do not) */
  id: boolean;
  /** decoded bytes of the frame, its blank line included */
  bytes: number;
}

/** What a page's streams carried from one moment to another, per topic. */
export interface WireCount {
  /** bytes on the wire (as received, chunked encoding included), of every topic */
  wireBytes: number;
  events: number;
  bytes: number;
  updates: number;
  /** `update`s per symbol */
  perSymbol: Map<string, number>;
}

/**
 * Reads every stream (GET /api/stream) a page opens, ON THE WIRE: over the
 * DevTools protocol (`Network.streamResourceContent`), as the browser receives
 * the body, whatever the page's code does with it. Only the page's own
 * requests are seen: a SharedWorker's fetch is not (run the page without
 * SharedWorker, or embed on another origin, where the page holds the stream).
 */
export class WireMeter {
  readonly frames: WireFrame[] = [];
  /** [ms since the epoch, bytes on the wire] per received chunk */
  readonly chunks: [number, number][] = [];

  private constructor() {}

  static async attach(page: Page): Promise<WireMeter> {
    const meter = new WireMeter();
    const cdp = await page.context().newCDPSession(page);
    // Per stream: its reader, and the chunks that came before its buffered start (null once that is read).
    const streams = new Map<
      string,
      { read: (base64: string, wireBytes: number) => void; early: [string, number][] | null }
    >();
    cdp.on('Network.responseReceived', (e) => {
      if (new URL(e.response.url).pathname !== '/api/stream') return;
      const stream = { read: meter.reader(), early: [] as [string, number][] | null };
      streams.set(e.requestId, stream);
      const flush = (buffered: string) => {
        stream.read(buffered, 0);
        for (const [data, n] of stream.early ?? []) stream.read(data, n);
        stream.early = null;
      };
      cdp.send('Network.streamResourceContent', { requestId: e.requestId }).then(
        ({ bufferedData }) => flush(bufferedData),
        () => flush(''), // the stream ended meanwhile
      );
    });
    cdp.on('Network.dataReceived', (e) => {
      const stream = streams.get(e.requestId);
      if (stream?.early) stream.early.push([e.data ?? '', e.encodedDataLength]);
      else stream?.read(e.data ?? '', e.encodedDataLength);
    });
    cdp.on('Network.loadingFinished', (e) => streams.delete(e.requestId));
    cdp.on('Network.loadingFailed', (e) => streams.delete(e.requestId));
    await cdp.send('Network.enable');
    return meter;
  }

  /** A reader of one stream's body: splits it into frames and files each under its topic. */
  private reader(): (base64: string, wireBytes: number) => void {
    let text = '';
    const decoder = new TextDecoder();
    return (base64, wireBytes) => {
      const at = Date.now();
      if (wireBytes > 0) this.chunks.push([at, wireBytes]);
      text += decoder.decode(Buffer.from(base64, 'base64'), { stream: true });
      for (let end = text.indexOf('\n\n'); end !== -1; end = text.indexOf('\n\n')) {
        const raw = text.slice(0, end + 2);
        text = text.slice(end + 2);
        const frame: WireFrame = {
          at,
          type: 'comment',
          topic: '',
          id: /^id:/m.test(raw),
          bytes: Buffer.byteLength(raw),
        };
        createStreamParser({
          onEvent: (event) => {
            const data = event.data as { topic?: unknown; symbol?: unknown };
            frame.type = event.type;
            if (typeof data.topic === 'string') frame.topic = data.topic;
            if (typeof data.symbol === 'string') frame.symbol = data.symbol;
          },
        }).feed(raw);
        this.frames.push(frame);
      }
    };
  }

  /** What arrived in [from, to) for one topic (all topics: ''). */
  count(topic: string, from: number, to: number): WireCount {
    const result: WireCount = { wireBytes: 0, events: 0, bytes: 0, updates: 0, perSymbol: new Map() };
    for (const [at, n] of this.chunks) if (at >= from && at < to) result.wireBytes += n;
    for (const f of this.frames) {
      if (f.at < from || f.at >= to || (topic && f.topic !== topic) || f.type === 'comment') continue;
      result.events++;
      result.bytes += f.bytes;
      if (f.type !== 'update' || !f.symbol) continue;
      result.updates++;
      result.perSymbol.set(f.symbol, (result.perSymbol.get(f.symbol) ?? 0) + 1);
    }
    return result;
  }

  /** The frames of a topic in [from, to). */
  framesOf(topic: string, from: number, to: number): WireFrame[] {
    return this.frames.filter((f) => f.topic === topic && f.at >= from && f.at < to);
  }
}
