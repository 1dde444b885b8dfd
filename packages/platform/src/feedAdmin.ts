import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createFeedRequestSchema, feedTopic, invalid, pushTicksRequestSchema, QuotelineError, replayOptionsSchema, updateFeedRequestSchema } from '@quoteline/protocol';
import { parseReplayCsv } from '@quoteline/market';
import { feedOf } from './adminFeeds';
import { requireAdmin } from './admin/adminAccess';
import { validatePushBatch } from './pushBatch';
import type { Principal } from './sessions/principal';
import type { Platform } from './platform';
import { MONEY_SCALE } from './money';

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
const newToken = () => `push_${randomBytes(24).toString('base64url')}`;

/** `POST /api/admin/feeds`: a new feed, live at once; a push feed's token is in this answer only. */
export async function createFeed(platform: Platform, principal: Principal, body: unknown): Promise<Response> {
  const who = requireAdmin(principal);
  const parsed = createFeedRequestSchema.safeParse(body);
  if (!parsed.success) throw invalid('invalid_body', 'The feed is not valid.', parsed.error.issues);
  const { slug, name, source, ...settings } = parsed.data;
  if (await platform.db.feed.findUnique({ where: { slug } })) throw new QuotelineError('duplicate_feed', `A feed "${slug}" exists already.`);
  const pushToken = source === 'push' ? newToken() : null;
  const feed = await platform.db.feed.create({ data: { slug, name, source, ...settings, pushTokenHash: pushToken ? hashToken(pushToken) : null } });
  platform.engine.loadFeed({ slug, source, status: 'running', tickIntervalMs: feed.tickIntervalMs, volatility: feed.volatility, drift: feed.drift, spreadBps: feed.spreadBps, seed: feed.seed, instruments: [] });
  await platform.feedChanged(slug);
  await platform.audit.record(who.email, 'feed.create', feedTopic(slug), { name, source });
  return Response.json({ slug, name, source, ...(pushToken ? { pushToken } : {}) }, { status: 201 });
}

/** `PATCH /api/admin/feeds/<slug>`: rename and retune; simulator settings apply live. */
export async function updateFeed(platform: Platform, principal: Principal, slug: string, body: unknown): Promise<Response> {
  const who = requireAdmin(principal);
  await feedOf(platform, slug);
  const parsed = updateFeedRequestSchema.safeParse(body);
  if (!parsed.success) throw invalid('invalid_body', 'The change is not valid.', parsed.error.issues);
  const { name: _name, ...settings } = parsed.data;
  const feed = await platform.db.feed.update({ where: { slug }, data: parsed.data });
  platform.engine.configure(slug, settings);
  await platform.feedChanged(slug);
  await platform.audit.record(who.email, 'feed.update', feedTopic(slug), parsed.data);
  return Response.json({ slug, name: feed.name, tickIntervalMs: feed.tickIntervalMs, volatility: feed.volatility, drift: feed.drift, spreadBps: feed.spreadBps });
}

/** `DELETE /api/admin/feeds/<slug>[?confirm=true]`: ends its topic with a `remove` per instrument; asks for confirmation while anyone watches it. */
export async function deleteFeed(platform: Platform, principal: Principal, slug: string, confirmed: boolean): Promise<Response> {
  const who = requireAdmin(principal);
  await feedOf(platform, slug);
  const watchers = platform.hub.stats().topics[feedTopic(slug)] ?? 0;
  if (watchers > 0 && !confirmed)
    throw new QuotelineError('confirmation_required', `${watchers} open stream(s) watch feed:${slug}; repeat with ?confirm=true to end their topic.`);
  platform.replays.stop(slug);
  platform.engine.unloadFeed(slug, { announce: true });
  await platform.db.feed.delete({ where: { slug } });
  await platform.feedChanged(slug);
  await platform.audit.record(who.email, 'feed.delete', feedTopic(slug), { watchers });
  return new Response(null, { status: 204 });
}

/** `POST /api/admin/feeds/<slug>/push-token`: a new token for a push feed; the old one stops working. */
export async function rotatePushToken(platform: Platform, principal: Principal, slug: string): Promise<Response> {
  const who = requireAdmin(principal);
  const feed = await feedOf(platform, slug);
  if (feed.source !== 'push') throw new QuotelineError('not_a_push_feed', `feed:${slug} is not a push feed.`);
  const pushToken = newToken();
  await platform.db.feed.update({ where: { slug }, data: { pushTokenHash: hashToken(pushToken) } });
  await platform.audit.record(who.email, 'feed.rotate_push_token', feedTopic(slug));
  return Response.json({ slug, pushToken });
}

/** The push feed a `POST /api/feeds/<slug>/ticks` may publish to: its `Authorization: Bearer <push token>` checked before any body is read. */
export async function authorizePush(platform: Platform, slug: string, authorization: string | null): Promise<PushFeed> {
  const token = /^Bearer (.+)$/.exec(authorization ?? '')?.[1];
  if (!token) throw new QuotelineError('unauthorized', 'Send the feed\'s push token: Authorization: Bearer push_…');
  const feed = await platform.db.feed.findUnique({ where: { slug } });
  const expected = Buffer.from(feed?.pushTokenHash ?? hashToken(newToken()));
  const given = Buffer.from(hashToken(token));
  if (!feed || !platform.engine.hasFeed(slug) || !timingSafeEqual(expected, given)) throw new QuotelineError('forbidden', 'This push token does not belong to this feed.');
  if (feed.source !== 'push') throw new QuotelineError('not_a_push_feed', `feed:${slug} is not a push feed.`);
  if (platform.engine.feedStatus(slug) === 'paused') throw new QuotelineError('feed_paused', `feed:${slug} is paused; resume it first.`);
  return { slug };
}

/** A push feed whose token a request proved (from `authorizePush`). */
export interface PushFeed {
  slug: string;
}

/** `POST /api/feeds/<slug>/ticks` of an authorised feed: each tick validated; good ones published, bad ones listed with reasons. */
export async function pushTicks(platform: Platform, { slug }: PushFeed, body: unknown): Promise<Response> {
  const parsed = pushTicksRequestSchema.safeParse(body);
  if (!parsed.success) throw invalid('invalid_body', 'Send {"ticks":[{symbol, price, bid?, ask?, ts?}, …]} with 1 to 1000 ticks.', parsed.error.issues);
  const { valid, rejected } = validatePushBatch(parsed.data.ticks, MONEY_SCALE);
  let accepted = 0;
  for (const { index, ...tick } of valid) {
    const refusal = platform.engine.pushTick(slug, tick);
    if (refusal) rejected.push({ index, reason: refusal });
    else accepted++;
  }
  rejected.sort((a, b) => a.index - b.index);
  return Response.json({ accepted, rejected }, { status: accepted > 0 || rejected.length === 0 ? 200 : 422 });
}

/** `POST /api/admin/feeds/<slug>/replay?speed=10&loop=true` with a CSV body: validated row by row (line numbers in the errors), stored, then played. */
export async function uploadReplay(platform: Platform, principal: Principal, slug: string, csv: string, search: URLSearchParams): Promise<Response> {
  const who = requireAdmin(principal);
  const feed = await feedOf(platform, slug);
  if (feed.source !== 'replay') throw new QuotelineError('not_a_replay_feed', `feed:${slug} is not a replay feed.`);
  const options = replayOptionsSchema.safeParse({ speed: search.get('speed') ?? undefined, loop: search.get('loop') ?? undefined });
  if (!options.success) throw invalid('bad_request', 'speed must be between 0.1 and 1000.', options.error.issues);
  const { speed, loop } = options.data;
  const { rows, errors } = parseReplayCsv(csv);
  const known = new Set(platform.engine.snapshot(slug)?.map((a) => a.symbol));
  const unknown = rows.filter((r) => !known.has(r.symbol)).map((r) => ({ line: r.line, message: `${r.symbol} is not an instrument of feed ${slug}` }));
  const problems = [...errors, ...unknown];
  if (problems.length || rows.length === 0)
    throw invalid('invalid_body', problems.length ? `${problems.length} row(s) cannot be replayed; nothing was changed.` : 'The file has no rows.', problems.slice(0, 100).map((p) => ({ path: ['line', p.line], message: p.message })));
  await platform.db.feed.update({ where: { slug }, data: { replayCsv: csv, replaySpeed: speed, replayLoop: loop } });
  platform.replays.play(slug, csv, rows, { speed, loop });
  await platform.feedChanged(slug);
  await platform.audit.record(who.email, 'feed.replay', feedTopic(slug), { rows: rows.length, speed, loop });
  return Response.json({ slug, rows: rows.length, speed, loop });
}
