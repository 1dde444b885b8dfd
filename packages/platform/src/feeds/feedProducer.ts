import type { MarketEngine } from '@quoteline/market';
import type { Db } from '@quoteline/db';
import type { ProducerRole } from '../scaled/producerRole';
import { checkpointLastPrices } from './feedStore';
import type { Replays } from './replays';

/** What running the feeds needs. */
export interface FeedProducerDeps {
  role: ProducerRole;
  engine: Pick<MarketEngine, 'start' | 'stop' | 'feedSlugs'>;
  replays: Pick<Replays, 'followAll'>;
  /** Brings one feed in line with the database (settings another instance may have changed). */
  sync(slug: string): Promise<void>;
}

/**
 * Runs simulator timers and replays while this instance is the producer (alone it always is),
 * and stops them when it no longer is. A new producer first re-reads every feed's settings,
 * which others may have changed meanwhile. Returns the unsubscribe.
 */
export function produceFeeds({ role, engine, replays, sync }: FeedProducerDeps): () => void {
  const becomeProducer = async (active: boolean) => {
    if (active) {
      for (const slug of engine.feedSlugs()) await sync(slug);
      if (role.active) engine.start(); // the lease may have gone again while the settings were read
    } else engine.stop();
    replays.followAll();
  };
  const unwatch = role.onChange(
    (active) =>
      void becomeProducer(active).catch((error) =>
        console.error('quoteline: changing the producer role failed', error),
      ),
  );
  if (role.active) engine.start();
  return unwatch;
}

/** Last-price checkpoints: stopped, or written once more (shutdown). */
export interface PriceCheckpoints {
  stop(): void;
  save(): Promise<void>;
}

/** Writes the engine's live last prices back every `intervalMs` while this instance produces (its prices are the ones to keep), so a restart continues from them. */
export function checkpointPrices(
  deps: { db: Db; engine: Pick<MarketEngine, 'lastPrices'>; role: Pick<ProducerRole, 'active'> },
  intervalMs: number,
): PriceCheckpoints {
  const save = () => checkpointLastPrices(deps.db, deps.engine.lastPrices());
  const timer = setInterval(() => {
    if (!deps.role.active) return;
    save().catch((error) => console.error('quoteline: saving last prices failed', error));
  }, intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer), save };
}
