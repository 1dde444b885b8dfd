import { timingSafeEqual } from 'node:crypto';
import type { Db } from '@quoteline/db';
import type { MarketEngine } from '@quoteline/market';
import { invalid, pushTicksRequestSchema, QuotelineError } from '@quoteline/protocol';
import { validatePushBatch, type RejectedTick } from './pushBatch';
import { hashPushToken, newPushToken } from './pushTokens';

/** What publishing pushed ticks needs from the platform. */
export interface PushTicksDeps {
  db: Db;
  engine: Pick<MarketEngine, 'hasFeed' | 'feedStatus' | 'pushTick' | 'tickGrid'>;
}

/** A push feed whose token a request proved (from `PushTicks.authorize`). */
export interface PushFeed {
  slug: string;
}

/** Prices a push feed's owner sends: authorised by the feed's token, validated tick by tick, published through the engine. */
export class PushTicks {
  constructor(private readonly deps: PushTicksDeps) {}

  /** The push feed a request may publish to, from its `Authorization: Bearer <push token>`; checked before any body is read. */
  async authorize(slug: string, authorization: string | null): Promise<PushFeed> {
    const { db, engine } = this.deps;
    const token = /^Bearer (.+)$/.exec(authorization ?? '')?.[1];
    if (!token) throw new QuotelineError('unauthorized', "Send the feed's push token: Authorization: Bearer push_…");
    const feed = await db.feed.findUnique({ where: { slug } });
    const expected = Buffer.from(feed?.pushTokenHash ?? hashPushToken(newPushToken()));
    const given = Buffer.from(hashPushToken(token));
    if (!feed || !engine.hasFeed(slug) || !timingSafeEqual(expected, given))
      throw new QuotelineError('forbidden', 'This push token does not belong to this feed.');
    if (feed.source !== 'push') throw new QuotelineError('not_a_push_feed', `feed:${slug} is not a push feed.`);
    if (engine.feedStatus(slug) === 'paused')
      throw new QuotelineError('feed_paused', `feed:${slug} is paused; resume it first.`);
    return { slug };
  }

  /** Publishes an authorised feed's ticks: each validated on its own, good ones published, bad ones listed with reasons. */
  push({ slug }: PushFeed, body: unknown): { accepted: number; rejected: RejectedTick[] } {
    const parsed = pushTicksRequestSchema.safeParse(body);
    if (!parsed.success)
      throw invalid(
        'invalid_body',
        'Send {"ticks":[{symbol, price, bid?, ask?, ts?}, …]} with 1 to 1000 ticks.',
        parsed.error.issues,
      );
    const { valid, rejected } = validatePushBatch(parsed.data.ticks, (symbol) =>
      this.deps.engine.tickGrid(slug, symbol),
    );
    let accepted = 0;
    for (const { index, ...tick } of valid) {
      const refusal = this.deps.engine.pushTick(slug, tick);
      if (refusal) rejected.push({ index, reason: refusal });
      else accepted++;
    }
    rejected.sort((a, b) => a.index - b.index);
    return { accepted, rejected };
  }
}
