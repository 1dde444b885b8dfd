import { createDb, type Db } from '@quoteline/db/client';
import { MarketEngine } from '@quoteline/market';
import { LocalSubscriptionControl, publishConnectionStats, RingLog, StreamHub, type EventLog, type SubscriptionControl } from '@quoteline/stream';
import { platformConfigSchema, type PlatformConfig, type PlatformConfigInput } from './config';
import { checkpointLastPrices, loadFeedConfigs } from './feeds';
import { createTopicDirectory, principalKind } from './directory';
import { Sessions } from './auth/sessions';
import { EmbedKeys } from './embed/embedKeys';
import { watchRevokedKeys } from './embed/revocation';
import { Replays } from './replays';
import { OrderService } from './trading/orderService';
import { CandleRecorder } from './candles/candleRecorder';
import { prismaCandleStore, type CandleStore } from './candles/candleStore';
import { MONEY_SCALE } from './trading/views';
import { wireToMinor } from '@quoteline/trading';
import type { UpdateEvent } from '@quoteline/protocol';

/** The running platform of one app instance: database, event log, market engine and stream hub. */
export interface Platform {
  config: PlatformConfig;
  db: Db;
  log: EventLog;
  engine: MarketEngine;
  hub: StreamHub;
  /** Where subscription changes go: the hub holding the connection, wherever it runs. */
  control: SubscriptionControl;
  sessions: Sessions;
  orders: OrderService;
  embedKeys: EmbedKeys;
  /** Replay feeds' players. */
  replays: Replays;
  /** Builds candles from the log's market events and writes them in batches. */
  candles: CandleRecorder;
  /** Persisted candle history. */
  candleStore: CandleStore;
  /** Stops producing, closes every stream, saves candles and last prices and closes the database. */
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
  // Candles tail the log before the engine loads feeds: each `add` carries an instrument's first price.
  const candleStore = prismaCandleStore(db);
  const candles = new CandleRecorder({ log, store: candleStore, flushMs: config.candleFlushMs });
  await candles.restore();
  candles.start();
  for (const feed of await loadFeedConfigs(db)) engine.loadFeed(feed);
  const orders = new OrderService({ db, log, views: hub.views, feedStatus: (slug) => engine.feedStatus(slug) });
  await orders.loadBook();
  // Resting limit orders fill when a market update crosses them.
  const unmatch = log.tail((entry) => {
    if (entry.type !== 'update') return;
    const { symbol, bid, ask } = entry.data as unknown as UpdateEvent;
    orders.onTouch(symbol, wireToMinor(bid, MONEY_SCALE), wireToMinor(ask, MONEY_SCALE));
  });
  engine.start();
  const replays = new Replays(engine);
  for (const f of await db.feed.findMany({ where: { source: 'replay', replayCsv: { not: null } } })) replays.restore(f.slug, f.replayCsv!, { speed: f.replaySpeed, loop: f.replayLoop });
  const embedKeys = new EmbedKeys(db);
  const stopRevocations = watchRevokedKeys(hub, embedKeys, config.revocationCheckMs);
  // Admins watch every instance's streams on admin:connections, fed through the log like any topic.
  const stopStats = publishConnectionStats({ source: hub, log, instance: config.instance, intervalMs: config.statsIntervalMs, describe: principalKind });

  const checkpoint = setInterval(() => {
    checkpointLastPrices(db, engine.lastPrices()).catch((error) => console.error('quoteline: saving last prices failed', error));
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
    sessions: new Sessions(db),
    orders,
    embedKeys,
    replays,
    candles,
    candleStore,
    shutdown() {
      stopping ??= (async () => {
        clearInterval(checkpoint);
        unmatch();
        stopRevocations();
        stopStats();
        replays.stopAll();
        engine.stop();
        hub.close();
        await candles.stop();
        await checkpointLastPrices(db, engine.lastPrices()).catch(() => undefined);
        await log.close();
        await db.$disconnect();
      })();
      return stopping;
    },
  };
}
