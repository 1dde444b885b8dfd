import { describe, expect, it } from 'vitest';
import { QuotelineError, type AddEvent } from '@quoteline/protocol';
import { addEvent } from '@quoteline/protocol/testing';
import { RedisSubscriptionControl } from '@quoteline/redis';
import { RingLog, StreamHub, type TopicDirectory } from '@quoteline/stream';
import { RecordingSink } from '@quoteline/stream/testing';
import { waitUntil } from '../../support/streamTools';
import { redisPerFile } from './redisPerFile';

// Two hubs in one process, each with its own RedisSubscriptionControl on one
// redis-server: a change asked of B for a stream held by A takes effect on A,
// and A's refusals (of the whole request, or of single topics) come back to
// B's caller with the same codes.

const redis = redisPerFile();

/** Feeds `feed:*` are open to all; `account:<id>` only to `{ userId: <id> }` (which must survive the trip as JSON). */
const seenPrincipals: unknown[] = [];
const directory: TopicDirectory = {
  authorize(topic, principal) {
    seenPrincipals.push(principal);
    if (topic.startsWith('feed:')) return;
    if (topic.startsWith('account:') && (principal as { userId?: string } | null)?.userId === topic.slice(8)) return;
    if (topic.startsWith('account:')) throw new QuotelineError('forbidden', 'Not your account.');
    throw new QuotelineError('unknown_topic', `No topic ${topic}.`);
  },
};

const add = (topic: string, symbol: string): AddEvent => addEvent(symbol, 1, { topic });

async function instance(name: string, timeoutMs = 3000) {
  const log = new RingLog({ epoch: name });
  const hub = new StreamHub({ log, directory, instance: name, keepAliveMs: 60_000 });
  const control = await RedisSubscriptionControl.open({
    url: redis.server.url,
    hub,
    instance: name,
    timeoutMs,
    onError: () => undefined,
  });
  redis.afterThisTest(
    () => hub.close(),
    () => control.close(),
  );
  return { log, hub, control };
}

describe('RedisSubscriptionControl', () => {
  it('applies a change asked of instance B to the stream held by instance A, and A’s stream carries the new topic', async () => {
    const a = await instance('a');
    const b = await instance('b');
    a.log.appendSync({ topic: 'feed:fx', type: 'add', data: add('feed:fx', 'EURUSD') });
    const principal = { userId: 'u1', roles: ['trader'] };
    const connection = await a.hub.open({ topics: ['feed:demo'], principal });
    const sink = new RecordingSink();
    connection.attach(sink);
    seenPrincipals.length = 0;

    const { topics, refused } = await b.control.change({
      connectionId: connection.id,
      token: connection.token,
      subscribe: ['feed:fx', 'account:u1'],
      unsubscribe: ['feed:demo'],
      principal,
    });
    expect(topics.sort()).toEqual(['account:u1', 'feed:fx']);
    expect(refused).toEqual([]);
    expect([...connection.topics].sort()).toEqual(['account:u1', 'feed:fx']);
    expect(seenPrincipals).toEqual([principal, principal]); // authorised on A with the caller's principal, as JSON
    await waitUntil(
      () => sink.events.some((e) => e.type === 'add' && (e.data as AddEvent).symbol === 'EURUSD'),
      'the snapshot of feed:fx reached the stream on A',
    );
    a.log.appendSync({ topic: 'feed:demo', type: 'add', data: add('feed:demo', 'ACME') });
    a.log.appendSync({ topic: 'feed:fx', type: 'add', data: add('feed:fx', 'GBPUSD') });
    await waitUntil(
      () => sink.events.some((e) => (e.data as AddEvent).symbol === 'GBPUSD'),
      'a live feed:fx event reached the stream on A',
    );
    expect(sink.events.some((e) => (e.data as AddEvent).symbol === 'ACME')).toBe(false);

    // The holder's own control applies locally.
    expect(
      (
        await a.control.change({
          connectionId: connection.id,
          token: connection.token,
          subscribe: ['feed:demo'],
          unsubscribe: [],
          principal,
        })
      ).topics,
    ).toContain('feed:demo');
  });

  it('returns the holder’s refusals with the same code: a wrong token and not_found for the whole request; forbidden, unknown_topic, invalid_topic per topic', async () => {
    const a = await instance('a');
    const b = await instance('b', 800);
    const connection = await a.hub.open({ topics: ['feed:demo'], principal: { userId: 'u1' } });
    const ask = (change: Partial<Parameters<typeof b.control.change>[0]>) =>
      b.control.change({
        connectionId: connection.id,
        token: connection.token,
        subscribe: [],
        unsubscribe: [],
        principal: { userId: 'u1' },
        ...change,
      });

    const codeOf = (p: Promise<unknown>) =>
      p.then(
        () => 'resolved',
        (e: unknown) => (e instanceof QuotelineError ? e.code : `not a QuotelineError: ${String(e)}`),
      );
    const refusedOf = async (change: Partial<Parameters<typeof b.control.change>[0]>) =>
      (await ask(change)).refused.map((r) => `${r.topic}:${r.code}`);
    expect(await codeOf(ask({ token: 'wrong' }))).toBe('forbidden');
    expect(await refusedOf({ subscribe: ['account:u2'] })).toEqual(['account:u2:forbidden']);
    expect(await refusedOf({ subscribe: ['account:u2'], principal: undefined })).toEqual(['account:u2:forbidden']);
    expect(await refusedOf({ subscribe: ['quux:1'] })).toEqual(['quux:1:unknown_topic']);
    const many = Array.from({ length: 40 }, (_, i) => `feed:f${i}`);
    expect(await refusedOf({ subscribe: many })).toEqual(many.slice(31).map((t) => `${t}:invalid_topic`));
    expect((await ask({ unsubscribe: many })).topics).toEqual(['feed:demo']);
    const error = await ask({ token: 'wrong' }).catch((e: QuotelineError) => e);
    expect(error).toMatchObject({ code: 'forbidden', message: 'The token does not belong to this connection.' });
    expect([...connection.topics]).toEqual(['feed:demo']); // nothing changed by the refused requests

    expect(await codeOf(ask({ connectionId: 'no-such-connection' }))).toBe('not_found');
    connection.close('client_closed');
    expect(await codeOf(ask({ subscribe: ['feed:fx'] }))).toBe('not_found');
  });
});
