import { randomBytes } from 'node:crypto';
import { createDb, type Db } from '@quoteline/db/client';
import { MarketEngine } from '@quoteline/market';
import { LocalSubscriptionControl, publishConnectionStats, StreamHub, type EventLog, type SubscriptionControl } from '@quoteline/stream';
import { platformConfigSchema, type PlatformConfig, type PlatformConfigInput } from './config';
import { createTopicDirectory, principalKind } from './directory';
import { Sessions } from './sessions/sessions';
import { ProxyTrust } from './network/proxyTrust';
import { EmbedKeys } from './embed/embedKeys';
import { EmbedKeyService } from './embed/embedKeyService';
import { closeSessionTopics, endKeyStreams, watchGrants } from './streamGrants';
import { OrderService } from './orders/orderService';
import { fillRestingOrders } from './orders/fillRestingOrders';
import { CandleRecorder } from './candles/candleRecorder';
import { prismaCandleStore, type CandleStore } from './candles/candleStore';
import { FeedService } from './feeds/feedService';
import { InstrumentService } from './feeds/instrumentService';
import { PushTicks } from './feeds/pushTicks';
import { Replays } from './feeds/replays';
import { loadFeedsFromDatabase, restoreReplays, syncFeedFromDatabase } from './feeds/feedSync';
import { checkpointPrices, produceFeeds } from './feeds/feedProducer';
import { AuditLog } from './admin/auditLog';
import type { ProducerRole } from './scaled/producerRole';
import { connectShared } from './scaled/connectShared';
import { localMarketLog, sharedMarketLog } from './scaled/marketLog';
import { followMarketLog } from './scaled/followMarketLog';

/** The running platform of one app instance: its parts, and the services route functions pick from it. */
export interface Platform {
  config: PlatformConfig;
  db: Db;
  log: EventLog;
  engine: MarketEngine;
  hub: StreamHub;
  /** Where subscription changes go: the hub holding the connection, wherever it runs. */
  control: SubscriptionControl;
  sessions: Sessions;
  /** Where a request came from: its TCP peer, and forwarding headers only from a trusted proxy. */
  proxies: ProxyTrust;
  orders: OrderService;
  /** Feeds as admins manage them. */
  feeds: FeedService;
  /** Feeds' instruments as admins add and remove them. */
  instruments: InstrumentService;
  /** Prices push feeds send. */
  pushes: PushTicks;
  /** Checks embed keys against the requesting page (cached for a moment). */
  embedKeys: EmbedKeys;
  /** Embed keys as admins list, create and revoke them. */
  embedKeyService: EmbedKeyService;
  /** Who changed what and when. */
  audit: AuditLog;
  /** Builds candles from the log's market events and writes them in batches. */
  candles: CandleRecorder;
  /** Persisted candle history. */
  candleStore: CandleStore;
  /** Whether this instance produces the feeds (always, unless scaled). */
  role: ProducerRole;
  /** False while the shared bus (Redis, when scaled) is unreachable. */
  busHealthy(): boolean;
  /** Stops producing, closes every stream, saves candles and last prices and closes the database. */
  shutdown(): Promise<void>;
}

/**
 * Builds and starts the platform: the parts, in the order they depend on each
 * other, then the services over them. The hub and the candles tail the log
 * before the engine loads feeds, so they see every instrument's `add`.
 */
export async function createPlatform(input: PlatformConfigInput): Promise<Platform> {
  const config = platformConfigSchema.parse(input);
  const db = createDb(config.databaseUrl);
  // Before anything holds connections or timers: a start during a database outage fails cleanly and is tried again.
  await db.$queryRaw`SELECT 1`.catch(async (error: unknown) => {
    await db.$disconnect().catch(() => undefined);
    throw error;
  });
  // Scaled (REDIS_URL), the log, the producer role, announcements and sign-in throttles are shared through Redis.
  const shared = config.redisUrl ? await connectShared(config) : null;
  const { log, role, publishMarket } = shared ? sharedMarketLog(shared) : localMarketLog(config.logCapacity);
  const engine: MarketEngine = new MarketEngine({ publish: (event) => publishMarket(event, engine) });
  const embedKeys = new EmbedKeys(db);
  const hub = new StreamHub({
    log,
    directory: createTopicDirectory(engine, embedKeys),
    instance: config.instance,
    keepAliveMs: config.keepAliveMs,
    retryMs: config.retryMs,
    maxQueueBytes: config.maxQueueBytes,
    maxStallMs: config.maxStallMs,
  });
  // Candles tail the log before the engine loads feeds: each `add` carries an instrument's first price.
  const candleStore = prismaCandleStore(db);
  const candles = new CandleRecorder({ log, store: candleStore, flushMs: config.candleFlushMs, persists: () => role.active });
  await candles.restore();
  candles.start();
  await loadFeedsFromDatabase({ db, engine, views: hub.views }, shared !== null);

  // A claim's owner names this process, so a restarted instance of the same name is another owner.
  const idempotency = { owner: `${config.instance}#${randomBytes(4).toString('hex')}`, leaseMs: config.idempotencyLeaseMs };
  const orders = new OrderService({ db, log, views: hub.views, feedStatus: (slug) => engine.feedStatus(slug), idempotency });
  await orders.loadBook();
  const replays = new Replays(engine, () => role.active);
  const unfollowMarket = shared ? followMarketLog({ log, engine, replays, role }) : () => undefined;
  const unfollowOrders = fillRestingOrders({ log, orders, producing: () => role.active });
  await restoreReplays({ db, replays });

  const sync = (slug: string) => syncFeedFromDatabase({ db, engine, views: hub.views, replays }, slug);
  const unwatchFeeds = shared?.onAnnouncement('feed', (slug) => void sync(slug).catch((error) => console.error(`quoteline: syncing feed ${slug} failed`, error)));
  const revokeSession = (sessionId: string) => closeSessionTopics(hub, sessionId);
  const unwatchSignOuts = shared?.onAnnouncement('signout', revokeSession);
  const stopProducing = produceFeeds({ role, engine, replays, sync });
  const control = shared ? await shared.control(hub) : new LocalSubscriptionControl(hub);
  const sessions = new Sessions({
    db,
    throttles: shared ? (name, limits) => shared.failureCounter(name, limits) : undefined,
    // A sign-out closes the session's private topics here now and, announced, on every other instance.
    signedOut: async (sessionId) => {
      revokeSession(sessionId);
      await shared?.announce('signout', sessionId);
    },
  });
  // Keys revoked or narrowed, sessions ended or demoted: their topics close, wherever the change came from.
  const stopGrants = watchGrants(hub, { embedKeys, sessions }, config.revocationCheckMs);
  // Admins watch every instance's streams on admin:connections, fed through the log like any topic.
  const stopStats = publishConnectionStats({ source: hub, log, instance: config.instance, intervalMs: config.statsIntervalMs, describe: principalKind });
  const prices = checkpointPrices({ db, engine, role }, config.checkpointMs);

  const audit = new AuditLog(db);
  const feeds = new FeedService({
    db,
    engine,
    views: hub.views,
    replays,
    watchers: (topic) => hub.stats().topics[topic] ?? 0,
    audit,
    feedChanged: async (slug) => {
      await shared?.announce('feed', slug);
    },
  });
  const instruments = new InstrumentService({ db, engine, feeds, audit });
  const pushes = new PushTicks({ db, engine });
  const embedKeyService = new EmbedKeyService({ db, keys: embedKeys, endStreams: (keyIds) => endKeyStreams(hub, keyIds), audit });

  let stopping: Promise<void> | null = null;
  return {
    config,
    db,
    log,
    engine,
    hub,
    control,
    sessions,
    proxies: new ProxyTrust(config.trustedProxies),
    orders,
    feeds,
    instruments,
    pushes,
    embedKeys,
    embedKeyService,
    audit,
    candles,
    candleStore,
    role,
    busHealthy: () => shared?.healthy() ?? true,
    shutdown() {
      stopping ??= (async () => {
        prices.stop();
        unfollowMarket();
        unfollowOrders();
        unwatchFeeds?.();
        unwatchSignOuts?.();
        stopProducing();
        stopGrants();
        stopStats();
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
      })();
      return stopping;
    },
  };
}
