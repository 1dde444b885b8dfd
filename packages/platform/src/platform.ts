import { randomBytes } from 'node:crypto';
import { createDb } from '@quoteline/db/client';
import { MarketEngine } from '@quoteline/market';
import { LocalSubscriptionControl, publishConnectionStats, StreamHub } from '@quoteline/stream';
import { platformConfigSchema, type PlatformConfig, type PlatformConfigInput } from './config';
import { AuditLog } from './admin/auditLog';
import { CandleRecorder } from './candles/candleRecorder';
import { CandleService } from './candles/candleService';
import { prismaCandleStore } from './candles/candleStore';
import { EmbedKeys } from './embed/embedKeys';
import { EmbedKeyService } from './embed/embedKeyService';
import { checkpointPrices, produceFeeds } from './feeds/feedProducer';
import { FeedService } from './feeds/feedService';
import { loadFeedsFromDatabase, restoreReplays, syncFeedFromDatabase } from './feeds/feedSync';
import { InstrumentSearch } from './feeds/instrumentSearch';
import { InstrumentService } from './feeds/instrumentService';
import { PushTicks } from './feeds/pushTicks';
import { Replays } from './feeds/replays';
import { HealthService } from './health/healthService';
import { ProxyTrust } from './network/proxyTrust';
import { fillRestingOrders } from './orders/fillRestingOrders';
import { OrderService } from './orders/orderService';
import { connectShared } from './scaled/connectShared';
import { followAnnouncements } from './scaled/followAnnouncements';
import { followMarketLog } from './scaled/followMarketLog';
import { localMarketLog, sharedMarketLog } from './scaled/marketLog';
import { Sessions } from './sessions/sessions';
import { closeSessionTopics, endKeyStreams, watchGrants } from './stream/streamGrants';
import { principalKind, type StreamPrincipal } from './stream/streamPrincipal';
import { StreamService } from './stream/streamService';
import { createTopicDirectory } from './stream/topicDirectory';
import { TestClock } from './testHooks/testClock';

/** The running platform of one app instance: the services route functions pick from. */
export interface Platform {
  config: PlatformConfig;
  /** Where a request came from: its TCP peer, and forwarding headers only from a trusted proxy. */
  proxies: ProxyTrust;
  sessions: Sessions;
  orders: OrderService;
  /** Feeds as admins manage them. */
  feeds: FeedService;
  /** Feeds' instruments as admins add and remove them. */
  instruments: InstrumentService;
  /** Instruments by symbol and name, across the feeds a caller may read. */
  instrumentSearch: InstrumentSearch;
  /** Prices push feeds send. */
  pushes: PushTicks;
  /** Checks embed keys against the requesting page (cached for a moment). */
  embedKeys: EmbedKeys;
  /** Embed keys as admins list, create and revoke them. */
  embedKeyService: EmbedKeyService;
  /** Who changed what and when. */
  audit: AuditLog;
  /** Opening streams and changing their topics. */
  stream: StreamService;
  /** Candle history of instruments. */
  candles: CandleService;
  /** Liveness and readiness of this instance. */
  health: HealthService;
  /** The market's clock (trading calendars, tick times); only test hooks move it. */
  clock: TestClock;
  /** Stops producing, closes every stream, saves candles and last prices and closes the database. */
  shutdown(): Promise<void>;
}

/** Builds and starts the platform: this instance's running parts, then the services over them. */
export async function createPlatform(input: PlatformConfigInput): Promise<Platform> {
  const config = platformConfigSchema.parse(input);
  const parts = await startParts(config);
  const { db, shared, log, role, engine, embedKeys, directory, hub, candles, candleStore, replays } = parts;
  const audit = new AuditLog(db);
  const feedChanged = async (slug: string) => {
    await shared?.announce('feed', slug);
  };
  const feeds = new FeedService({
    db,
    engine,
    views: hub.views,
    replays,
    watchers: (topic) => hub.stats().topics[topic] ?? 0,
    audit,
    feedChanged,
  });
  let stopping: Promise<void> | null = null;
  return {
    config,
    proxies: new ProxyTrust(config.trustedProxies),
    sessions: parts.sessions,
    orders: parts.orders,
    feeds,
    instruments: new InstrumentService({ db, engine, feeds, audit }),
    instrumentSearch: new InstrumentSearch({ engine, views: hub.views, directory, embedKeys }),
    pushes: new PushTicks({ db, engine }),
    embedKeys,
    embedKeyService: new EmbedKeyService({
      db,
      keys: embedKeys,
      endStreams: (keyIds) => endKeyStreams(hub, keyIds),
      audit,
    }),
    audit,
    stream: new StreamService({ hub, control: parts.control, embedKeys }),
    candles: new CandleService({ views: hub.views, store: candleStore, recorder: candles, embedKeys }),
    health: new HealthService({
      instance: config.instance,
      db,
      hub,
      log,
      role,
      busHealthy: () => shared?.healthy() ?? true,
    }),
    clock: parts.clock,
    shutdown: () => (stopping ??= stopParts(parts)),
  };
}

/**
 * Starts this instance's parts in the order they depend on each other. The
 * hub and the candles tail the log before the engine loads feeds, so they see
 * every instrument's `add` (which carries its first price).
 */
async function startParts(config: PlatformConfig) {
  const db = createDb(config.databaseUrl);
  // Before anything holds connections or timers: a start during a database outage fails cleanly and is tried again.
  await db.$queryRaw`SELECT 1`.catch(async (error: unknown) => {
    await db.$disconnect().catch(() => undefined);
    throw error;
  });
  // Scaled (REDIS_URL), the log, the producer role, announcements and sign-in throttles are shared through Redis.
  const shared = config.redisUrl ? await connectShared(config) : null;
  const { log, role, publishMarket } = shared ? sharedMarketLog(shared) : localMarketLog(config.logCapacity);
  const clock = new TestClock();
  const engine: MarketEngine = new MarketEngine({
    publish: (event) => publishMarket(event, engine),
    now: () => clock.now(),
  });
  const embedKeys = new EmbedKeys(db);
  const { instance, keepAliveMs, retryMs, maxQueueBytes, maxStallMs } = config;
  const directory = createTopicDirectory(engine, embedKeys);
  const hub = new StreamHub<StreamPrincipal>({
    log,
    directory,
    instance,
    keepAliveMs,
    retryMs,
    maxQueueBytes,
    maxStallMs,
  });
  const candleStore = prismaCandleStore(db);
  const candles = new CandleRecorder({
    log,
    store: candleStore,
    flushMs: config.candleFlushMs,
    persists: () => role.active,
  });
  await candles.restore();
  candles.start();
  await loadFeedsFromDatabase({ db, engine, views: hub.views }, shared !== null);

  // A claim's owner names this process, so a restarted instance of the same name is another owner.
  const idempotency = {
    owner: `${config.instance}#${randomBytes(4).toString('hex')}`,
    leaseMs: config.idempotencyLeaseMs,
  };
  const orders = new OrderService({
    db,
    log,
    views: hub.views,
    tickGrid: (slug, symbol) => engine.tickGrid(slug, symbol),
    marketStatus: (slug) => engine.marketStatus(slug),
    idempotency,
  });
  await orders.loadBook();
  const replays = new Replays(engine, () => role.active);
  // What runs until shutdown, in the order it stops.
  const stops: (() => void)[] = [];
  if (shared) stops.push(followMarketLog({ log, engine, replays, role }));
  stops.push(fillRestingOrders({ log, orders, producing: () => role.active }));
  await restoreReplays({ db, replays });

  const sync = (slug: string) => syncFeedFromDatabase({ db, engine, views: hub.views, replays }, slug);
  const closeTopicsOf = (sessionId: string) => void closeSessionTopics(hub, sessionId);
  if (shared) stops.push(followAnnouncements(shared, { feed: sync, signout: closeTopicsOf }));
  stops.push(produceFeeds({ role, engine, replays, sync }));
  const control = shared ? await shared.control(hub) : new LocalSubscriptionControl(hub);
  const sessions = new Sessions({
    db,
    throttles: shared ? (name, limits) => shared.failureCounter(name, limits) : undefined,
    // A sign-out closes the session's private topics here now and, announced, on every other instance.
    signedOut: async (sessionId) => {
      closeTopicsOf(sessionId);
      await shared?.announce('signout', sessionId);
    },
  });
  // Keys revoked or narrowed, sessions ended or demoted: their topics close, wherever the change came from.
  stops.push(watchGrants(hub, { embedKeys, sessions }, config.revocationCheckMs));
  // Admins watch every instance's streams on admin:connections, fed through the log like any topic.
  stops.push(
    publishConnectionStats({ source: hub, log, instance, intervalMs: config.statsIntervalMs, describe: principalKind }),
  );
  const prices = checkpointPrices({ db, engine, role }, config.checkpointMs);
  return {
    db,
    shared,
    log,
    role,
    clock,
    engine,
    embedKeys,
    directory,
    hub,
    candleStore,
    candles,
    orders,
    replays,
    control,
    sessions,
    prices,
    stops,
  };
}

/** Stops producing, closes every stream, then saves candles and last prices and closes the database. */
async function stopParts(parts: Awaited<ReturnType<typeof startParts>>): Promise<void> {
  const { prices, stops, replays, role, engine, hub, candles, log, shared, db } = parts;
  prices.stop();
  for (const stop of stops) stop();
  replays.stopAll();
  const wasProducer = role.active;
  engine.stop();
  hub.close();
  // The producer writes its last candles and prices before handing the role over.
  await candles.stop();
  if (wasProducer) await prices.save().catch(() => undefined);
  await role.stop();
  await log.close();
  await shared?.close();
  await db.$disconnect();
}
