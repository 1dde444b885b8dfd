import { addInstrumentRequestSchema, feedSlugSchema, invalid, QuotelineError, symbolSchema } from '@quoteline/protocol';
import { parsePrice } from '@quoteline/trading';
import type { Principal } from './sessions/principal';
import type { Platform } from './platform';
import { MONEY_SCALE } from './money';
import { requireAdmin } from './admin/adminAccess';

/** A feed named in a path, validated and loaded: 400 for a malformed slug, 404 `unknown_feed` when it does not exist. */
export async function feedOf(platform: Platform, slugParam: string) {
  const slug = feedSlugSchema.safeParse(slugParam);
  if (!slug.success) throw invalid('bad_request', 'A feed slug is 1-32 lowercase letters, digits or dashes.', slug.error.issues);
  const feed = await platform.db.feed.findUnique({ where: { slug: slug.data } });
  if (!feed || !platform.engine.hasFeed(slug.data)) throw new QuotelineError('unknown_feed', `There is no feed "${slug.data}".`);
  return feed;
}

/** `POST /api/admin/feeds/<slug>/instruments`: stored first (the database is the truth), then every subscriber sees an `add`. */
export async function addInstrument(platform: Platform, principal: Principal, slugParam: string, body: unknown): Promise<Response> {
  const who = requireAdmin(principal);
  const feed = await feedOf(platform, slugParam);
  const symbol = symbolSchema.safeParse((body as { symbol?: unknown } | null)?.symbol);
  if (!symbol.success) throw invalid('invalid_symbol', 'A symbol is 1-12 uppercase letters, digits, dots or dashes.', symbol.error.issues.map((i) => ({ ...i, path: ['symbol'] })));
  const parsed = addInstrumentRequestSchema.safeParse(body);
  if (!parsed.success) throw invalid('invalid_body', 'Send {"symbol","name","price"}.', parsed.error.issues);
  const price = parsePrice(parsed.data.price, MONEY_SCALE);
  if (price === null) throw invalid('invalid_price', 'The price needs at most two decimals.', [{ path: ['price'], message: 'at most two decimals' }]);
  if (await platform.db.instrument.findUnique({ where: { symbol: parsed.data.symbol } }))
    throw new QuotelineError('duplicate_symbol', `${parsed.data.symbol} already exists; symbols are unique across feeds.`);
  const row = await platform.db.instrument.create({
    data: { feedId: feed.id, symbol: parsed.data.symbol, name: parsed.data.name, priceScale: MONEY_SCALE, tickSize: 1, openPrice: price, lastPrice: price },
  });
  platform.engine.addInstrument(feed.slug, { symbol: row.symbol, name: row.name, priceScale: row.priceScale, tickSize: row.tickSize, openPrice: row.openPrice, lastPrice: row.lastPrice });
  await platform.audit.record(who.email, 'instrument.add', `feed:${feed.slug}/${row.symbol}`, { name: row.name, price: parsed.data.price });
  return Response.json({ feed: feed.slug, symbol: row.symbol, name: row.name, price: parsed.data.price }, { status: 201 });
}

/** `DELETE /api/admin/feeds/<slug>/instruments/<symbol>`: removed from the database, then every subscriber sees a `remove`. */
export async function removeInstrument(platform: Platform, principal: Principal, slugParam: string, symbolParam: string): Promise<Response> {
  const who = requireAdmin(principal);
  const feed = await feedOf(platform, slugParam);
  const symbol = symbolSchema.safeParse(symbolParam);
  if (!symbol.success) throw invalid('invalid_symbol', 'A symbol is 1-12 uppercase letters, digits, dots or dashes.', symbol.error.issues);
  const { count } = await platform.db.instrument.deleteMany({ where: { symbol: symbol.data, feedId: feed.id } });
  if (count === 0) throw new QuotelineError('unknown_symbol', `Feed ${feed.slug} has no instrument ${symbol.data}.`);
  platform.engine.removeInstrument(feed.slug, symbol.data);
  await platform.audit.record(who.email, 'instrument.remove', `feed:${feed.slug}/${symbol.data}`);
  return new Response(null, { status: 204 });
}

/** `POST /api/admin/feeds/<slug>/pause` and `/resume`: stored, then applied live; orders on a paused feed get 409 feed_paused. */
export async function setFeedStatus(platform: Platform, principal: Principal, slugParam: string, status: 'running' | 'paused'): Promise<Response> {
  const who = requireAdmin(principal);
  const feed = await feedOf(platform, slugParam);
  await platform.db.feed.update({ where: { id: feed.id }, data: { status } });
  platform.engine.setStatus(feed.slug, status);
  platform.replays.follow(feed.slug);
  await platform.feedChanged(feed.slug);
  await platform.audit.record(who.email, status === 'paused' ? 'feed.pause' : 'feed.resume', `feed:${feed.slug}`);
  return Response.json({ feed: feed.slug, status });
}

/** `GET /api/admin/feeds`: every feed with its status, settings and live instruments. */
export async function listFeeds(platform: Platform, principal: Principal): Promise<Response> {
  requireAdmin(principal);
  const feeds = await platform.db.feed.findMany({ orderBy: { slug: 'asc' }, include: { instruments: { orderBy: { symbol: 'asc' } } } });
  return Response.json({
    feeds: feeds.map((f) => ({
      slug: f.slug,
      name: f.name,
      source: f.source,
      status: platform.engine.feedStatus(f.slug) ?? f.status,
      tickIntervalMs: f.tickIntervalMs,
      volatility: f.volatility,
      drift: f.drift,
      spreadBps: f.spreadBps,
      seed: f.seed,
      // a replay feed's stored file, if any (the file itself stays on the server)
      replay: f.source === 'replay' && f.replayCsv ? { speed: f.replaySpeed, loop: f.replayLoop } : null,
      instruments: f.instruments.map((i) => ({ symbol: i.symbol, name: i.name, price: platform.hub.views.findSymbol(i.symbol)?.price ?? i.lastPrice / 100 })),
    })),
  });
}
