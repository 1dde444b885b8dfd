import { feedTopic } from '@quoteline/protocol';
import type { MarketEngine } from '@quoteline/market';
import type { TopicViews } from '@quoteline/stream';
import type { Db } from '@quoteline/db';
import { loadFeedConfig } from './feeds';
import type { Replays } from './replays';

/**
 * Brings this instance's copy of one feed in line with the database after
 * another instance changed it (several instances share one log): loads a new
 * feed or unloads a deleted one silently (the changing instance announced it
 * on the log), applies simulator settings, instruments' tick sizes and the
 * stored replay. Instruments and prices arrive through the log itself.
 */
export async function syncFeedFromDatabase(deps: { db: Db; engine: MarketEngine; views: TopicViews; replays: Replays }, slug: string): Promise<void> {
  const { db, engine, views, replays } = deps;
  const stored = await loadFeedConfig(db, slug);
  if (!stored) {
    replays.stop(slug);
    engine.unloadFeed(slug, { announce: false });
    return;
  }
  const { config, replay } = stored;
  if (!engine.hasFeed(slug)) {
    engine.loadFeed(config, { announce: false });
    views.seed(feedTopic(slug), engine.snapshot(slug) ?? []);
  } else {
    engine.configure(slug, { tickIntervalMs: config.tickIntervalMs, volatility: config.volatility, drift: config.drift, spreadBps: config.spreadBps });
    engine.adoptTickSizes(slug, config.instruments);
  }
  if (replay) replays.restore(slug, replay.csv, { speed: replay.speed, loop: replay.loop });
}
