import { createDb, type Db } from '@quoteline/db/client';
import { MarketEngine } from '@quoteline/market';
import { LocalSubscriptionControl, RingLog, StreamHub, type EventLog, type SubscriptionControl } from '@quoteline/stream';
import { platformConfigSchema, type PlatformConfig, type PlatformConfigInput } from './config';
import { checkpointLastPrices, loadFeedConfigs } from './feeds';
import { createTopicDirectory } from './directory';

/** The running platform of one app instance: database, event log, market engine and stream hub. */
export interface Platform {
  config: PlatformConfig;
  db: Db;
  log: EventLog;
  engine: MarketEngine;
  hub: StreamHub;
  /** Where subscription changes go: the hub holding the connection, wherever it runs. */
  control: SubscriptionControl;
  /** Stops producing, closes every stream, saves last prices and closes the database. */
  shutdown(): Promise<void>;
}

/**
 * Builds and starts the platform. The hub tails the log before the engine
 * loads feeds, so the hub's topic views see every instrument's `add`.
 */
export async function createPlatform(input: PlatformConfigInput): Promise<Platform> {
  const config = platformConfigSchema.parse(input);
  const db = createDb(config.databaseUrl);
  const log = new RingLog({ capacity: config.logCapacity });
  const engine = new MarketEngine({ publish: (event) => log.appendSync(event) });
  const hub = new StreamHub({
    log,
    directory: createTopicDirectory(engine),
    instance: config.instance,
    keepAliveMs: config.keepAliveMs,
    retryMs: config.retryMs,
    maxQueueBytes: config.maxQueueBytes,
  });
  for (const feed of await loadFeedConfigs(db)) engine.loadFeed(feed);
  engine.start();

  const lastPrices = () =>
    engine.feedSlugs().flatMap((slug) => (engine.snapshot(slug) ?? []).map((a) => ({ symbol: a.symbol, price: engine.instrument(a.symbol)!.price })));
  const checkpoint = setInterval(() => {
    checkpointLastPrices(db, lastPrices()).catch((error) => console.error('quoteline: saving last prices failed', error));
  }, config.checkpointMs);
  checkpoint.unref();

  let stopping: Promise<void> | null = null;
  return {
    config,
    db,
    log,
    engine,
    hub,
    control: new LocalSubscriptionControl(hub),
    shutdown() {
      stopping ??= (async () => {
        clearInterval(checkpoint);
        engine.stop();
        hub.close();
        await checkpointLastPrices(db, lastPrices()).catch(() => undefined);
        await log.close();
        await db.$disconnect();
      })();
      return stopping;
    },
  };
}
