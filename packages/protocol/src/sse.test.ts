import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { encodeEvent, encodeRetry, KEEP_ALIVE_FRAME } from './sse';
import { createStreamParser } from './parser';
import type { StreamEvent } from './events';

const decoder = new TextDecoder();

function parseAll(text: string, chunkSizes: number[] = []) {
  const events: StreamEvent[] = [];
  const comments: string[] = [];
  const retries: number[] = [];
  const invalid: string[] = [];
  const parser = createStreamParser({
    onEvent: (e) => events.push(e),
    onComment: (c) => comments.push(c),
    onRetry: (ms) => retries.push(ms),
    onInvalid: (_m, reason) => invalid.push(reason),
  });
  let rest = text;
  for (const size of chunkSizes) {
    parser.feed(rest.slice(0, size));
    rest = rest.slice(size);
  }
  parser.feed(rest);
  return { events, comments, retries, invalid };
}

const symbol = fc.stringMatching(/^[A-Z0-9][A-Z0-9.-]{0,11}$/);
const price = fc.double({ min: 0, max: 1e7, noNaN: true, noDefaultInfinity: true });
const topic = fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?$/).map((s) => `feed:${s}`);
const ts = fc.integer({ min: 0, max: 2 ** 45 });
const id = fc.tuple(fc.stringMatching(/^[a-z0-9]{1,12}$/), fc.nat()).map(([e, o]) => `${e}:${o}`);
const addData = fc.record({
  topic,
  symbol,
  name: fc.string({ maxLength: 40 }),
  price,
  bid: price,
  ask: price,
  open: price,
  decimals: fc.integer({ min: 0, max: 8 }),
  ts,
});
const updateData = fc.record({ topic, symbol, price, bid: price, ask: price, ts });

describe('SSE encoder → eventsource-parser', () => {
  it('round-trips any valid add or update, whatever the chunking', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            addData.map((d) => ({ type: 'add' as const, d })),
            updateData.map((d) => ({ type: 'update' as const, d })),
          ),
        ),
        fc.array(id),
        fc.array(fc.integer({ min: 1, max: 64 }), { maxLength: 20 }),
        (items, ids, chunks) => {
          const frames = items.map((it, i) => encodeEvent(it.type, it.d, ids[i]));
          const text = frames.map((f) => decoder.decode(f)).join('');
          const { events, invalid } = parseAll(text, chunks);
          expect(invalid).toEqual([]);
          expect(events).toHaveLength(items.length);
          events.forEach((e, i) => {
            expect(e.type).toBe(items[i]!.type);
            expect(e.data).toEqual(items[i]!.d);
            expect(e.id).toBe(ids[i]);
          });
        },
      ),
    );
  });

  it('parses retry and keep-alive comments', () => {
    const text = decoder.decode(encodeRetry(2500)) + decoder.decode(KEEP_ALIVE_FRAME);
    const { retries, comments } = parseAll(text);
    expect(retries).toEqual([2500]);
    expect(comments).toEqual(['keep-alive']);
  });

  it('reports invalid data for a known type and skips unknown types', () => {
    const text = 'event: update\ndata: {"topic":"feed:x"}\n\nevent: future-thing\ndata: {}\n\n';
    const { events, invalid } = parseAll(text);
    expect(events).toEqual([]);
    expect(invalid).toHaveLength(1);
  });

  it('refuses ids with line breaks', () => {
    expect(() => encodeEvent('remove', { topic: 'feed:x', symbol: 'A' }, 'a\nb')).toThrow();
  });
});
