import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import type { StreamEvent } from '@quoteline/protocol';
import { StreamClient } from './streamClient';
import { FakeStreamServer } from './testing/fakeStreamServer';

// Random sequences of widgets asking for and letting go of topics, feeds
// created and deleted, and streams dropped, against the fake server's topic
// rules: the page's wanted topics, what goes into stream URLs and POSTs, and
// what the server's stream carries must never disagree.

const TOPICS = ['feed:a', 'feed:b', 'feed:c', 'account:x', 'bogus'] as const;
const FEEDS = ['a', 'b', 'c'] as const;
const RETRY_MS = 30_000;
/** Time enough for lingers, backoffs and every slow retry (capped at 5 min) to have run. */
const SETTLE_MS = 11 * 60_000;

type Op =
  | { kind: 'ask'; topic: number }
  | { kind: 'leave'; topic: number }
  | { kind: 'create'; feed: number }
  | { kind: 'delete'; feed: number }
  | { kind: 'drop' }
  | { kind: 'wait'; ms: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('ask' as const), topic: fc.nat(TOPICS.length - 1) }),
  fc.record({ kind: fc.constant('leave' as const), topic: fc.nat(TOPICS.length - 1) }),
  fc.record({ kind: fc.constant('create' as const), feed: fc.nat(FEEDS.length - 1) }),
  fc.record({ kind: fc.constant('delete' as const), feed: fc.nat(FEEDS.length - 1) }),
  fc.constant({ kind: 'drop' as const }),
  fc.record({ kind: fc.constant('wait' as const), ms: fc.integer({ min: 1, max: 90_000 }) }),
);

beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] }));
afterEach(() => vi.useRealTimers());

describe('StreamClient against random topic churn (property)', () => {
  it('keeps wanted, requested and carried topics in line, and never re-requests a refused topic early', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(op, { minLength: 1, maxLength: 30 }),
        fc.subarray([...FEEDS]),
        async (ops, initialFeeds) => {
          const server = new FakeStreamServer(initialFeeds);
          const client = new StreamClient({ fetch: server.fetch, random: () => 0.5, lingerMs: 10, retryMs: RETRY_MS });
          const listeners = new Map<string, (() => void)[]>();
          /** Per topic: when the page last heard it refused, with which code, and when a widget last asked for it. */
          const refusedAt = new Map<string, { at: number; code: string }>();
          const askedAt = new Map<string, number>();
          const violations: string[] = [];

          const wanted = () => [...listeners].filter(([, l]) => l.length > 0).map(([t]) => t);
          const checkAsked = (topic: string, how: string, alongsideOthers: boolean) => {
            const refusal = refusedAt.get(topic);
            if (!refusal || (askedAt.get(topic) ?? -1) > refusal.at) return;
            const retried = refusal.code === 'unknown_topic' || refusal.code === 'deleted';
            if (!retried) violations.push(`${topic} (${refusal.code}) asked again by ${how} without a widget asking`);
            else if (Date.now() - refusal.at < RETRY_MS / 2)
              violations.push(`${topic} (${refusal.code}) asked again by ${how} after ${Date.now() - refusal.at} ms`);
            else if (how === 'GET' && alongsideOthers)
              violations.push(`${topic} (${refusal.code}) rode along in a stream URL`);
          };
          // The server's own fetch, wrapped to check every request as the client makes it.
          const fetch = server.fetch;
          let requests = 0;
          const checkedFetch = (async (input: string | URL, init: RequestInit = {}) => {
            // A client asking in a loop would never let the clock move on: stop it and say so.
            if (++requests > 400) {
              if (requests === 401) violations.push('more than 400 requests: the client asks in a loop');
              return new Promise<Response>(() => undefined);
            }
            if (init.method === 'POST')
              for (const t of (JSON.parse(String(init.body)) as { subscribe: string[] }).subscribe)
                checkAsked(t, 'POST', false);
            else {
              const topics = new URL(String(input), 'http://x').searchParams.get('topics')!.split(',');
              const fresh = topics.filter((t) => !refusedAt.has(t) || (askedAt.get(t) ?? -1) > refusedAt.get(t)!.at);
              for (const t of topics) checkAsked(t, 'GET', fresh.length > 0);
              for (const t of topics)
                if (!wanted().includes(t)) violations.push(`${t} in a stream URL though no widget wants it`);
            }
            return fetch(input, init);
          }) as typeof globalThis.fetch;
          (client as unknown as { fetch: typeof globalThis.fetch }).fetch = checkedFetch;
          (
            client as unknown as { connection: { options: { fetch: typeof globalThis.fetch } } }
          ).connection.options.fetch = checkedFetch;

          const listen = (topic: string) => (event: StreamEvent) => {
            if (event.type === 'topic_error') refusedAt.set(topic, { at: Date.now(), code: event.data.code });
            if (event.type === 'topic_closed') refusedAt.set(topic, { at: Date.now(), code: event.data.reason });
            if (event.type === 'ready') refusedAt.delete(topic);
          };

          for (const step of ops) {
            if (step.kind === 'ask') {
              const topic = TOPICS[step.topic]!;
              askedAt.set(topic, Date.now());
              listeners.set(topic, [...(listeners.get(topic) ?? []), client.subscribe(topic, listen(topic))]);
            } else if (step.kind === 'leave') {
              listeners.get(TOPICS[step.topic]!)?.pop()?.();
            } else if (step.kind === 'create') server.feeds.add(FEEDS[step.feed]!);
            else if (step.kind === 'delete') server.deleteFeed(FEEDS[step.feed]!);
            else if (step.kind === 'drop') server.open.forEach((s) => s.end());
            await vi.advanceTimersByTimeAsync(step.kind === 'wait' ? step.ms : 5);
            expect(server.open.length).toBeLessThanOrEqual(1);
            expect(violations).toEqual([]);
          }

          await vi.advanceTimersByTimeAsync(SETTLE_MS);
          expect(violations).toEqual([]);
          const acceptable = wanted().filter((t) => t.startsWith('feed:') && server.feeds.has(t.slice(5)));
          const carried = server.open.flatMap((s) => [...s.topics]);
          expect(carried.sort()).toEqual(acceptable.sort());
          if (acceptable.length === 0) expect(server.open).toEqual([]);
          client.close();
        },
      ),
      { numRuns: 150 },
    );
  });
});
