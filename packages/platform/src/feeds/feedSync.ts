import { feedTopic } from '@quoteline/protocol';
import type { MarketEngine } from '@quoteline/market';
import type { TopicViews } from '@quoteline/stream';
import type { Db } from '@quoteline/db';
import { loadFeedConfig, loadFeedConfigs, storedReplays } from './feedStore';
import type { Replays } from './replays';

/** What bringing the engine in line with the database needs. */
export interface FeedSyncDeps {
  db: Db;
  engine: MarketEngine;
  views: TopicViews;
  replays: Replays;
}

/**
 * Loads every stored feed into the engine at start and restores the stored
 * replays. Alone, loading announces every instrument on the log; joining a
 * shared log (`joining`), the other instances announced them long ago, so
 * the feeds load silently and this instance's topic views are seeded instead.
 */
export async function loadFeedsFromDatabase(
  { db, engine, views }: Omit<FeedSyncDeps, 'replays'>,
  joining: boolean,
): Promise<void> {
  for (const feed of await loadFeedConfigs(db)) {
    engine.loadFeed(feed, { announce: !joining });
    if (joining) views.seed(feedTopic(feed.slug), engine.snapshot(feed.slug) ?? []);
  }
}

/** Starts every stored replay (each plays only while its feed runs and this instance produces). */
export async function restoreReplays({ db, replays }: Pick<FeedSyncDeps, 'db' | 'replays'>): Promise<void> {
  for (const { slug, replay } of await storedReplays(db))
    replays.restore(slug, replay.csv, { speed: replay.speed, loop: replay.loop });
}

/**
 * Brings this instance's copy of one feed in line with the database after
 * another instance changed it (several instances share one log): loads a new
 * feed or unloads a deleted one silently (the changing instance announced it
 * on the log), applies simulator settings, instruments' tick sizes and the
 * stored replay. Instruments and prices arrive through the log itself.
 */
export async function syncFeedFromDatabase(deps: FeedSyncDeps, slug: string): Promise<void> {
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
    engine.configure(slug, {
      tickIntervalMs: config.tickIntervalMs,
      volatility: config.volatility,
      drift: config.drift,
      spreadBps: config.spreadBps,
    });
    engine.adoptTickSizes(slug, config.instruments);
  }
  if (replay) replays.restore(slug, replay.csv, { speed: replay.speed, loop: replay.loop });
}
