import type { Db } from '@quoteline/db';
import { toWirePrice, parseReplayCsv, type MarketEngine } from '@quoteline/market';
import {
  createFeedRequestSchema,
  feedSlugSchema,
  feedTopic,
  invalid,
  QuotelineError,
  replayOptionsSchema,
  updateFeedRequestSchema,
} from '@quoteline/protocol';
import type { TopicViews } from '@quoteline/stream';
import type { Admin } from '../admin/adminAccess';
import type { AuditLog } from '../admin/auditLog';
import { hashPushToken, newPushToken } from './pushTokens';
import type { Replays } from './replays';
import { feedSettings, storedCalendar } from './feedStore';

/** What the feed service needs from the platform. */
export interface FeedServiceDeps {
  db: Db;
  engine: MarketEngine;
  /** Live prices, for the feed list. */
  views: Pick<TopicViews, 'findSymbol'>;
  replays: Replays;
  /** How many open streams of this instance watch a topic: a watched feed is deleted only when confirmed. */
  watchers(topic: string): number;
  audit: Pick<AuditLog, 'record'>;
  /** Called after a feed changed in the database: other instances (when scaled) bring their copy in line. */
  feedChanged(slug: string): Promise<void>;
}

/** A replay upload's pace, as the request gives it (validated here). */
export interface ReplayOptionsInput {
  speed?: string;
  loop?: string;
}

/**
 * Feeds as admins manage them: created, retuned, paused and resumed,
 * replayed and deleted. The database is changed first (it is the truth), then
 * the engine live, then other instances are told; every change is audited.
 */
export class FeedService {
  constructor(private readonly deps: FeedServiceDeps) {}

  /** A feed named in a path, validated and loaded: 400 for a malformed slug, 404 `unknown_feed` when it does not exist. */
  async find(slugParam: string) {
    const slug = feedSlugSchema.safeParse(slugParam);
    if (!slug.success)
      throw invalid('bad_request', 'A feed slug is 1-32 lowercase letters, digits or dashes.', slug.error.issues);
    const feed = await this.deps.db.feed.findUnique({ where: { slug: slug.data } });
    if (!feed || !this.deps.engine.hasFeed(slug.data))
      throw new QuotelineError('unknown_feed', `There is no feed "${slug.data}".`);
    return feed;
  }

  /** Every feed with its status, settings and live instruments. */
  async list() {
    const { db, engine, views } = this.deps;
    const feeds = await db.feed.findMany({
      orderBy: { slug: 'asc' },
      include: { instruments: { orderBy: { symbol: 'asc' } } },
    });
    return feeds.map((f) => ({
      slug: f.slug,
      name: f.name,
      source: f.source,
      status: engine.feedStatus(f.slug) ?? f.status,
      ...feedSettings(f),
      market: engine.marketStatus(f.slug),
      // a replay feed's stored file, if any (the file itself stays on the server)
      replay: f.source === 'replay' && f.replayCsv ? { speed: f.replaySpeed, loop: f.replayLoop } : null,
      instruments: f.instruments.map((i) => ({
        symbol: i.symbol,
        name: i.name,
        price: views.findSymbol(i.symbol)?.price ?? toWirePrice(i.lastPrice, i.priceScale),
      })),
    }));
  }

  /** A new feed, live at once; a push feed's token is in this answer only. */
  async create(admin: Admin, body: unknown) {
    const { db, engine } = this.deps;
    const parsed = createFeedRequestSchema.safeParse(body);
    if (!parsed.success) throw invalid('invalid_body', 'The feed is not valid.', parsed.error.issues);
    const { slug, name, source, ...settings } = parsed.data;
    if (await db.feed.findUnique({ where: { slug } }))
      throw new QuotelineError('duplicate_feed', `A feed "${slug}" exists already.`);
    const pushToken = source === 'push' ? newPushToken() : null;
    const feed = await db.feed.create({
      data: { slug, name, source, ...settings, pushTokenHash: pushToken ? hashPushToken(pushToken) : null },
    });
    engine.loadFeed({
      slug,
      source,
      status: 'running',
      tickIntervalMs: feed.tickIntervalMs,
      volatility: feed.volatility,
      drift: feed.drift,
      spreadBps: feed.spreadBps,
      seed: feed.seed,
      instruments: [],
    });
    await this.deps.feedChanged(slug);
    await this.deps.audit.record(admin.email, 'feed.create', feedTopic(slug), { name, source });
    return { slug, name, source, ...(pushToken ? { pushToken } : {}) };
  }

  /** Renames and retunes a feed; simulator settings apply live. */
  async update(admin: Admin, slug: string, body: unknown) {
    await this.find(slug);
    const parsed = updateFeedRequestSchema.safeParse(body);
    if (!parsed.success) throw invalid('invalid_body', 'The change is not valid.', parsed.error.issues);
    const { name: _name, calendar, staleAfterMs, ...settings } = parsed.data;
    const feed = await this.deps.db.feed.update({
      where: { slug },
      data: {
        ...parsed.data,
        calendar: calendar === undefined ? undefined : calendar && JSON.stringify(calendar),
      },
    });
    this.deps.engine.configure(slug, settings);
    if (calendar !== undefined || staleAfterMs !== undefined)
      this.deps.engine.setSessions(slug, {
        calendar: storedCalendar(feed.calendar),
        staleAfterMs: feed.staleAfterMs,
      });
    await this.deps.feedChanged(slug);
    await this.deps.audit.record(admin.email, 'feed.update', feedTopic(slug), parsed.data);
    return {
      slug,
      name: feed.name,
      tickIntervalMs: feed.tickIntervalMs,
      volatility: feed.volatility,
      drift: feed.drift,
      spreadBps: feed.spreadBps,
      calendar: storedCalendar(feed.calendar),
      staleAfterMs: feed.staleAfterMs,
    };
  }

  /** Deletes a feed, ending its topic with a `remove` per instrument; asks for confirmation while anyone watches it. */
  async delete(admin: Admin, slug: string, confirmed: boolean): Promise<void> {
    await this.find(slug);
    const watchers = this.deps.watchers(feedTopic(slug));
    if (watchers > 0 && !confirmed)
      throw new QuotelineError(
        'confirmation_required',
        `${watchers} open stream(s) watch feed:${slug}; repeat with ?confirm=true to end their topic.`,
      );
    this.deps.replays.stop(slug);
    this.deps.engine.unloadFeed(slug, { announce: true });
    await this.deps.db.feed.delete({ where: { slug } });
    await this.deps.feedChanged(slug);
    await this.deps.audit.record(admin.email, 'feed.delete', feedTopic(slug), { watchers });
  }

  /** Pauses or resumes a feed: stored, then applied live (the engine appends a `status` event); orders on a paused feed are refused. */
  async setStatus(admin: Admin, slugParam: string, status: 'running' | 'paused') {
    const feed = await this.find(slugParam);
    await this.deps.db.feed.update({ where: { id: feed.id }, data: { status } });
    this.deps.engine.setStatus(feed.slug, status);
    this.deps.replays.follow(feed.slug);
    await this.deps.feedChanged(feed.slug);
    await this.deps.audit.record(admin.email, status === 'paused' ? 'feed.pause' : 'feed.resume', `feed:${feed.slug}`);
    return { feed: feed.slug, status };
  }

  /** A new token for a push feed; the old one stops working. */
  async rotatePushToken(admin: Admin, slug: string) {
    const feed = await this.find(slug);
    if (feed.source !== 'push') throw new QuotelineError('not_a_push_feed', `feed:${slug} is not a push feed.`);
    const pushToken = newPushToken();
    await this.deps.db.feed.update({ where: { slug }, data: { pushTokenHash: hashPushToken(pushToken) } });
    await this.deps.audit.record(admin.email, 'feed.rotate_push_token', feedTopic(slug));
    return { slug, pushToken };
  }

  /** A replay feed's CSV: validated row by row (line numbers in the errors), stored, then played at `speed`×. */
  async uploadReplay(admin: Admin, slug: string, csv: string, input: ReplayOptionsInput) {
    const { db, engine, replays } = this.deps;
    const feed = await this.find(slug);
    if (feed.source !== 'replay') throw new QuotelineError('not_a_replay_feed', `feed:${slug} is not a replay feed.`);
    const options = replayOptionsSchema.safeParse(input);
    if (!options.success) throw invalid('bad_request', 'speed must be between 0.1 and 1000.', options.error.issues);
    const { speed, loop } = options.data;
    const { rows, errors } = parseReplayCsv(csv, (symbol) => engine.tickGrid(slug, symbol)?.decimals ?? 2);
    const known = new Set(engine.snapshot(slug)?.map((a) => a.symbol));
    const unknown = rows
      .filter((r) => !known.has(r.symbol))
      .map((r) => ({ line: r.line, message: `${r.symbol} is not an instrument of feed ${slug}` }));
    const problems = [...errors, ...unknown];
    if (problems.length || rows.length === 0)
      throw invalid(
        'invalid_body',
        problems.length
          ? `${problems.length} row(s) cannot be replayed; nothing was changed.`
          : 'The file has no rows.',
        problems.slice(0, 100).map((p) => ({ path: ['line', p.line], message: p.message })),
      );
    await db.feed.update({ where: { slug }, data: { replayCsv: csv, replaySpeed: speed, replayLoop: loop } });
    replays.play(slug, csv, rows, { speed, loop });
    await this.deps.feedChanged(slug);
    await this.deps.audit.record(admin.email, 'feed.replay', feedTopic(slug), { rows: rows.length, speed, loop });
    return { slug, rows: rows.length, speed, loop };
  }
}
