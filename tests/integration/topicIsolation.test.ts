import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReadyEvent, StreamEvent } from '@quoteline/protocol';
import { embedKeySql, feedSql, startAppServer, type AppServer } from '../support/appServer';
import { openTestStream, type TestStream } from '../support/sseClient';
import { signIn, type TestSession } from '../support/session';
import { offsetOf, sleep } from '../support/streamTools';

// One stream, many topics, no shared fate: a refused, deleted or revoked
// topic touches only itself; the stream and its other topics go on.

let server: AppServer;
let admin: TestSession;
let trader: TestSession;
const open: TestStream[] = [];
const SSE = { Accept: 'text/event-stream' };
const SHOP = 'https://shop.example';

beforeAll(async () => {
  server = await startAppServer({
    env: { QUOTELINE_INSTANCE: 'it-isolation', QUOTELINE_REVOCATION_CHECK_MS: '300' },
    sql: [
      'UPDATE "Feed" SET "tickIntervalMs" = 50 WHERE slug = \'demo\';',
      feedSql('second', { tickMs: 50, count: 2 }),
      feedSql('doomed', { tickMs: 50, count: 2 }),
      feedSql('gone', { tickMs: 50, count: 2 }),
      embedKeySql('pk_isolation_key_1', { origins: [SHOP], feeds: ['demo', 'second'] }),
    ].join('\n'),
  });
  admin = await signIn(server.url, 'admin@example.com', 'quoteline-admin');
  trader = await signIn(server.url, 'trader@example.com', 'quoteline-trader');
});

afterAll(async () => {
  for (const s of open) s.close();
  await server?.stop();
});

async function stream(path: string, headers: Record<string, string> = SSE): Promise<TestStream> {
  const s = await openTestStream(server.url, path, headers);
  open.push(s);
  return s;
}
const topicOf = (e: StreamEvent) => (e.data as { topic?: string }).topic;
const updatesOf = (events: StreamEvent[], topic: string) =>
  events.filter((e) => e.type === 'update' && topicOf(e) === topic);
const readyOf = (s: TestStream) => s.events[0]!.data as ReadyEvent;
/** Waits for `n` more updates of `topic` than the stream has now: that topic is still live. */
async function ticksOn(s: TestStream, topic: string, n = 5) {
  const before = updatesOf(s.events, topic).length;
  await s.waitFor((events) => updatesOf(events, topic).length >= before + n, 5000);
}
const postSubscriptions = (body: unknown, init: { cookie?: string; query?: string; origin?: string } = {}) =>
  fetch(`${server.url}/api/stream/subscriptions${init.query ?? ''}`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      ...(init.cookie ? { cookie: init.cookie } : {}),
      ...(init.origin ? { Origin: init.origin } : {}),
    },
    body: JSON.stringify(body),
  });

describe('a GET naming good and bad topics', () => {
  it('streams the good ones and tells each refused one with its own topic_error, right after ready', async () => {
    const s = await stream('/api/stream?topics=feed:nosuch,feed:demo,account:someone,stocks:x');
    expect(s.status).toBe(200);
    await s.waitFor((events) => events.some((e) => e.type === 'add'));
    expect(readyOf(s).topics).toEqual(['feed:demo']);
    expect(s.events.slice(1, 4).map((e) => [e.type, topicOf(e), (e.data as { code: string }).code])).toEqual([
      ['topic_error', 'feed:nosuch', 'unknown_topic'],
      ['topic_error', 'account:someone', 'forbidden'],
      ['topic_error', 'stocks:x', 'invalid_topic'],
    ]);
    expect(
      s.events.slice(1, 4).every((e) => e.id === undefined && (e.data as { message: string }).message.length > 10),
    ).toBe(true);
    expect(s.events[4]).toMatchObject({ type: 'add', data: { topic: 'feed:demo' } });
    await ticksOn(s, 'feed:demo');
  });

  it('fails whole only when every topic is refused: the first refusal’s status, every refusal listed', async () => {
    const response = await fetch(`${server.url}/api/stream?topics=feed:nosuch,account:someone`, { headers: SSE });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({
      error: {
        code: 'unknown_topic',
        refused: [
          { topic: 'feed:nosuch', code: 'unknown_topic' },
          { topic: 'account:someone', code: 'forbidden' },
        ],
      },
    });
  });
});

describe('a topic that goes away while watched', () => {
  it('closes a deleted feed with topic_closed after its removes; the stream and its other feed go on', async () => {
    const s = await stream('/api/stream?topics=feed:demo,feed:doomed');
    await ticksOn(s, 'feed:doomed');
    const deleted = await admin.fetch('/api/admin/feeds/doomed?confirm=true', { method: 'DELETE' });
    expect(deleted.status).toBe(204);
    await s.waitFor((events) => events.some((e) => e.type === 'topic_closed'), 5000);
    const closedAt = s.events.findIndex((e) => e.type === 'topic_closed');
    expect(s.events[closedAt]).toMatchObject({ data: { topic: 'feed:doomed', reason: 'deleted' } });
    expect(s.events.slice(closedAt - 2, closedAt).map((e) => e.type)).toEqual(['remove', 'remove']);
    await ticksOn(s, 'feed:demo');
    expect(s.events.slice(closedAt + 1).filter((e) => topicOf(e) === 'feed:doomed')).toEqual([]);
  });

  it('resumes the topics that still exist gap-free and refuses the one deleted meanwhile', async () => {
    const witness = await stream('/api/stream?topics=feed:demo');
    const first = await stream('/api/stream?topics=feed:demo,feed:gone');
    await ticksOn(first, 'feed:gone');
    const lastId = first.events.filter((e) => e.id).at(-1)!.id!;
    first.close();
    expect((await admin.fetch('/api/admin/feeds/gone?confirm=true', { method: 'DELETE' })).status).toBe(204);
    await ticksOn(witness, 'feed:demo', 10);
    const resumed = await stream(`/api/stream?topics=feed:demo,feed:gone&lastEventId=${encodeURIComponent(lastId)}`);
    expect(resumed.status).toBe(200);
    await ticksOn(resumed, 'feed:demo', 3);
    expect(readyOf(resumed).topics).toEqual(['feed:demo']);
    expect(resumed.events[1]).toMatchObject({
      type: 'topic_error',
      data: { topic: 'feed:gone', code: 'unknown_topic' },
    });
    expect(resumed.events.some((e) => e.type === 'reset' || e.type === 'add')).toBe(false);
    // Every demo update after the last id, as the witness saw them, up to the newest the resumed stream has.
    const got = updatesOf(resumed.events, 'feed:demo').map((e) => e.id);
    const newest = offsetOf(got.at(-1));
    const expected = updatesOf(witness.events, 'feed:demo')
      .map((e) => e.id!)
      .filter((id) => offsetOf(id) > offsetOf(lastId) && offsetOf(id) <= newest);
    expect(got).toEqual(expected);
  });

  it('closes a signed-out session’s account topic with topic_closed; the public feed goes on', async () => {
    const session = await signIn(server.url, 'trader@example.com', 'quoteline-trader');
    const s = await stream(`/api/stream?topics=feed:demo,account:${session.accountId}`, {
      ...SSE,
      cookie: session.cookie,
    });
    await s.waitFor((events) => (events[0]?.data as ReadyEvent | undefined)?.topics?.length === 2);
    expect((await session.fetch('/api/session', { method: 'DELETE' })).status).toBe(204);
    await s.waitFor((events) => events.some((e) => e.type === 'topic_closed'), 3000);
    expect(s.events.find((e) => e.type === 'topic_closed')).toMatchObject({
      data: { topic: `account:${session.accountId}`, reason: 'signed_out' },
    });
    await ticksOn(s, 'feed:demo');
  });

  it('closes admin:connections on a stream whose admin is demoted (a change made in the database); the feed goes on', async () => {
    const session = await signIn(server.url, 'admin@example.com', 'quoteline-admin');
    const s = await stream('/api/stream?topics=feed:demo,admin:connections', { ...SSE, cookie: session.cookie });
    await s.waitFor((events) => events.some((e) => e.type === 'stats'), 5000);
    try {
      await server.db.exec(`UPDATE "User" SET "role" = 'trader' WHERE "email" = 'admin@example.com'`);
      await s.waitFor((events) => events.some((e) => e.type === 'topic_closed'), 5000);
      expect(s.events.find((e) => e.type === 'topic_closed')).toMatchObject({
        data: { topic: 'admin:connections', reason: 'forbidden' },
      });
      await ticksOn(s, 'feed:demo');
    } finally {
      await server.db.exec(`UPDATE "User" SET "role" = 'admin' WHERE "email" = 'admin@example.com'`);
    }
  });
});

describe('a stream opened with an embed key', () => {
  const embedStream = () => stream('/api/stream?topics=feed:demo&key=pk_isolation_key_1', { ...SSE, Origin: SHOP });

  it('cannot be extended by POST beyond its key, whatever the request carries', async () => {
    const s = await embedStream();
    await s.waitFor((events) => events.some((e) => e.type === 'add'));
    const { connectionId, token } = readyOf(s);
    // No key on the POST and a trader's cookie: the stream's own key still decides.
    const noKey = await postSubscriptions(
      {
        connectionId,
        token,
        subscribe: ['feed:doomed2', 'feed:fx', `account:${trader.accountId}`, 'admin:connections'],
      },
      { cookie: trader.cookie },
    );
    expect(noKey.status).toBe(200);
    expect(noKey.headers.get('access-control-allow-origin')).toBeNull();
    const body = (await noKey.json()) as { topics: string[]; refused: { topic: string; code: string }[] };
    expect(body.topics).toEqual(['feed:demo']);
    expect(body.refused.map((r) => [r.topic, r.code])).toEqual([
      ['feed:doomed2', 'forbidden'],
      ['feed:fx', 'forbidden'],
      [`account:${trader.accountId}`, 'forbidden'],
      ['admin:connections', 'forbidden'],
    ]);
    const allowed = await postSubscriptions(
      { connectionId, token, subscribe: ['feed:second'] },
      { query: '?key=pk_isolation_key_1', origin: SHOP },
    );
    expect(allowed.headers.get('access-control-allow-origin')).toBe(SHOP);
    expect(await allowed.json()).toEqual({ topics: ['feed:demo', 'feed:second'], refused: [] });
  });

  it('loses a feed taken off its key (a change in the database), keeping the others', async () => {
    await server.db.exec(embedKeySql('pk_isolation_key_2', { origins: [SHOP], feeds: ['demo', 'second'] }));
    const s = await stream('/api/stream?topics=feed:demo,feed:second&key=pk_isolation_key_2', { ...SSE, Origin: SHOP });
    await ticksOn(s, 'feed:second');
    await server.db.exec(`UPDATE "EmbedKey" SET "allowedFeeds" = '["demo"]' WHERE "key" = 'pk_isolation_key_2'`);
    await s.waitFor((events) => events.some((e) => e.type === 'topic_closed'), 5000);
    expect(s.events.find((e) => e.type === 'topic_closed')).toMatchObject({
      data: { topic: 'feed:second', reason: 'revoked' },
    });
    await ticksOn(s, 'feed:demo');
    await sleep(200);
    const closedAt = s.events.findIndex((e) => e.type === 'topic_closed');
    expect(s.events.slice(closedAt).filter((e) => topicOf(e) === 'feed:second' && e.type !== 'topic_closed')).toEqual(
      [],
    );
  });

  it('ends on revocation of its key after a topic_closed for each of its topics', async () => {
    await server.db.exec(embedKeySql('pk_isolation_key_3', { origins: [SHOP], feeds: ['demo', 'second'] }));
    const s = await stream('/api/stream?topics=feed:demo,feed:second&key=pk_isolation_key_3', { ...SSE, Origin: SHOP });
    await ticksOn(s, 'feed:second');
    await server.db.exec(
      `UPDATE "EmbedKey" SET "revokedAt" = '${new Date().toISOString()}' WHERE "key" = 'pk_isolation_key_3'`,
    );
    await s.ended;
    const closed = s.events
      .filter((e) => e.type === 'topic_closed')
      .map((e) => [topicOf(e), (e.data as { reason: string }).reason]);
    expect(closed).toEqual([
      ['feed:demo', 'revoked'],
      ['feed:second', 'revoked'],
    ]);
  });
});
