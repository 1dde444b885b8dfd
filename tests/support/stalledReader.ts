import { StreamClient, applyFeedEvents, EMPTY_FEED, type FeedState } from '@quoteline/client';
import type { StreamEvent } from '@quoteline/protocol';
import { expect } from 'vitest';
import { pausableFetch } from './pausableFetch';
import type { TestSession } from './session';
import { sleep, waitUntil } from './streamTools';

/** What a stalled reader saw once it read again. */
export interface StallFigures {
  stallMs: number;
  /** From reading again until every symbol showed a price at most `freshMs` old. */
  freshAfterMs: number;
  /** The oldest price age among the symbols at that moment. */
  maxAgeMs: number;
  /** Age of the first update a widget was shown after the stall (what waited in the buffers is never shown). */
  firstShownAgeMs: number;
  /** Stream requests the client made after the stall (1: it resumed once). */
  resumes: number;
  /** Bytes the client read from reading again until fresh: what waited in buffers, plus any replay. */
  bytesReadToFresh: number;
  /** Orders placed during the stall, and how many of their `order` events the client received. */
  ordersPlaced: number;
  orderEventsReceived: number;
}

/** One market buy of one share; returns the order's id. */
async function marketBuy(trader: TestSession, symbol: string): Promise<string> {
  const response = await trader.order({ symbol, side: 'buy', type: 'market', quantity: 1 });
  if (response.status !== 201) throw new Error(`order refused: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { id: string }).id;
}

/** The promise a stalled reader is held to, wherever the stream comes from. */
export function expectFreshAfterStall(figures: StallFigures): void {
  expect(figures.freshAfterMs).toBeLessThanOrEqual(5_000);
  expect(figures.maxAgeMs).toBeLessThanOrEqual(2_000);
  // What waited in the buffers is never shown: the first price shown after the stall is fresh too.
  expect(figures.firstShownAgeMs).toBeLessThanOrEqual(2_000);
  expect(figures.orderEventsReceived).toBe(figures.ordersPlaced);
}

/**
 * The page's stream client (the browser's own code, run in Node) subscribed
 * to a fast feed and the trader's account stops reading for `stallMs` while
 * the feed ticks and orders are placed, then reads again. Measures how soon
 * every symbol shows a fresh price, and whether every private event arrived.
 */
export async function runStalledReader(options: {
  /** Where the client's stream goes (an instance, or nginx). */
  streamUrl: string;
  ca?: string;
  trader: TestSession;
  /** A feed ticking fast; its symbols. */
  feed: string;
  symbols: readonly string[];
  stallMs: number;
  freshMs: number;
  /** The symbol the trader buys `orders` times during the stall. */
  orderSymbol: string;
  orders: number;
}): Promise<StallFigures> {
  const transport = pausableFetch({ ca: options.ca, cookie: options.trader.cookie });
  const client = new StreamClient({ url: `${options.streamUrl}/api/stream`, fetch: transport.fetch });
  let feed: FeedState = EMPTY_FEED;
  let lastUpdateAge: number | null = null;
  let firstReadAge: number | null = null;
  let reading = false;
  const orderIds = new Set<string>();
  const stopFeed = client.subscribe(`feed:${options.feed}`, (event: StreamEvent) => {
    feed = applyFeedEvents(feed, [event]);
    if (event.type !== 'update') return;
    lastUpdateAge = Date.now() - event.data.ts;
    if (reading && firstReadAge === null) firstReadAge = lastUpdateAge;
  });
  const stopAccount = client.subscribe(`account:${options.trader.accountId}`, (event: StreamEvent) => {
    if (event.type === 'order') orderIds.add(event.data.orderId);
  });
  try {
    await waitUntil(
      () => options.symbols.every((s) => feed.rows[s]) && lastUpdateAge !== null,
      'the client to be live',
      15_000,
      20,
    );
    await sleep(500);

    transport.pause();
    reading = false;
    const placed: string[] = [];
    const started = Date.now();
    const every = options.stallMs / (options.orders + 1);
    for (let i = 0; i < options.orders; i++) {
      await sleep(every);
      placed.push(await marketBuy(options.trader, options.orderSymbol));
    }
    await sleep(Math.max(0, options.stallMs - (Date.now() - started)));
    const streamsBefore = transport.streams.length;

    const resumedAt = Date.now();
    const bytesBefore = transport.bytesRead;
    reading = true;
    transport.resume();
    const isFresh = () =>
      options.symbols.every((s) => feed.rows[s] && Date.now() - feed.rows[s]!.ts <= options.freshMs);
    await waitUntil(isFresh, `every symbol fresh within ${options.freshMs} ms`, 30_000, 10);
    const freshAfterMs = Date.now() - resumedAt;
    const bytesReadToFresh = transport.bytesRead - bytesBefore;
    const maxAgeMs = Math.max(...options.symbols.map((s) => Date.now() - feed.rows[s]!.ts));
    await waitUntil(() => placed.every((id) => orderIds.has(id)), 'every order event', 10_000, 20).catch(
      () => undefined,
    );
    return {
      stallMs: options.stallMs,
      freshAfterMs,
      maxAgeMs,
      firstShownAgeMs: firstReadAge ?? -1,
      resumes: transport.streams.length - streamsBefore,
      bytesReadToFresh,
      ordersPlaced: placed.length,
      orderEventsReceived: placed.filter((id) => orderIds.has(id)).length,
    };
  } finally {
    stopFeed();
    stopAccount();
    client.close();
  }
}
