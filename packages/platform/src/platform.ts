import { randomBytes } from 'node:crypto';
import { createDb, type Db } from '@quoteline/db/client';
import { MarketEngine } from '@quoteline/market';
import { LocalSubscriptionControl, publishConnectionStats, RingLog, StreamHub, type EventLog, type SubscriptionControl } from '@quoteline/stream';
import { platformConfigSchema, type PlatformConfig, type PlatformConfigInput } from './config';
import { checkpointLastPrices, loadFeedConfigs } from './feeds';
import { createTopicDirectory, principalKind } from './directory';
import { Sessions } from './sessions/sessions';
import { ProxyTrust } from './network/proxyTrust';
import { EmbedKeys } from './embed/embedKeys';
import { closeSessionTopics, endKeyStreams, watchGrants } from './streamGrants';
import { Replays } from './replays';
import { OrderService } from './orders/orderService';
import { CandleRecorder } from './candles/candleRecorder';
import { prismaCandleStore, type CandleStore } from './candles/candleStore';
import { fillRestingOrders } from './orders/fillRestingOrders';
import { feedTopic } from '@quoteline/protocol';
import type { MarketEvent } from '@quoteline/market';
import { soleProducer, type ProducerRole } from './producerRole';
import { syncFeedFromDatabase } from './feedSync';
import type { SharedParts } from './scaled/sharedParts';
import { connectShared } from './scaled/connectShared';
import { AuditLog } from './admin/auditLog';
import { EmbedKeyService } from './embed/embedKeyService';

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
  /** Where a request came from: its TCP peer, and forwarding headers only from a trusted proxy. */
  proxies: ProxyTrust;
  orders: OrderService;
  /** Checks embed keys against the requesting page (cached for a moment). */
  embedKeys: EmbedKeys;
  /** Embed keys as admins list, create and revoke them. */
  embedKeyService: EmbedKeyService;
  /** Who changed what and when. */
  audit: AuditLog;
  /** Replay feeds' players. */
  replays: Replays;
  /** Builds candles from the log's market events and writes them in batches. */
  candles: CandleRecorder;
  /** Persisted candle history. */
  candleStore: CandleStore;
  /** Whether this instance produces the feeds (always, unless scaled). */
  role: ProducerRole;
  /** False while the shared bus (Redis, when scaled) is unreachable. */
  busHealthy(): boolean;
  /** Call after changing a feed in the database: other instances (when scaled) bring their copy in line. */
  feedChanged(slug: string): Promise<void>;
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
  // Before anything holds connections or timers: a start during a database outage fails cleanly and is tried again.
  await db.$queryRaw`SELECT 1`.catch(async (error: unknown) => {
    await db.$disconnect().catch(() => undefined);
    throw error;
  });
  const shared: SharedParts | null = config.redisUrl ? await connectShared(config) : null;
  const ring = shared ? null : new RingLog({ capacity: config.logCapacity });
  const log: EventLog = shared?.log ?? ring!;
  const role = shared?.role ?? soleProducer;
  const publish = (event: MarketEvent) => {
    if (ring) return void ring.appendSync(event);
    // Simulated and replayed prices come from the producer only; pushed ones from whichever instance received them.
    if (event.type === 'update' && !role.active && engine.feedSource(event.topic.slice('feed:'.length)) !== 'push') return;
    shared!.appendMarket(event).catch((error) => console.error('quoteline: publishing a market event failed', error));
  };
  const engine = new MarketEngine({ publish });
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
  // Alone, loading announces every instrument; joining a shared log, the instruments are known from the database.
  for (const feed of await loadFeedConfigs(db)) {
    engine.loadFeed(feed, { announce: !shared });
    if (shared) hub.views.seed(feedTopic(feed.slug), engine.snapshot(feed.slug) ?? []);
  }
  // A claim's owner names this process, so a restarted instance of the same name is another owner.
  const idempotency = { owner: `${config.instance}#${randomBytes(4).toString('hex')}`, leaseMs: config.idempotencyLeaseMs };
  const orders = new OrderService({ db, log, views: hub.views, feedStatus: (slug) => engine.feedStatus(slug), idempotency });
  await orders.loadBook();
  const replays = new Replays(engine, () => role.active);
  const unfollowMarket = log.tail((entry) => {
    if (shared && isMarketEntry(entry) && followsFromLog(entry, role.active, engine)) {
      engine.follow(entry as unknown as MarketEvent);
      // A pause or resume made on another instance: its replay (if any) follows the status the log just set.
      if (entry.type === 'status') replays.follow(entry.topic.slice('feed:'.length));
    }
  });
  const unfollowOrders = fillRestingOrders({ log, orders, producing: () => role.active });
  for (const f of await db.feed.findMany({ where: { source: 'replay', replayCsv: { not: null } } })) replays.restore(f.slug, f.replayCsv!, { speed: f.replaySpeed, loop: f.replayLoop });
  const sync = (slug: string) => syncFeedFromDatabase({ db, engine, views: hub.views, replays }, slug);
  const unwatchFeeds = shared?.onAnnouncement('feed', (slug) => void sync(slug).catch((error) => console.error(`quoteline: syncing feed ${slug} failed`, error)));
  const revokeSession = (sessionId: string) => closeSessionTopics(hub, sessionId);
  const unwatchSignOuts = shared?.onAnnouncement('signout', revokeSession);
  // The producer runs timers and replays; a new producer first reads the settings others may have changed.
  const becomeProducer = async (active: boolean) => {
    if (active) {
      for (const slug of engine.feedSlugs()) await sync(slug);
      if (role.active) engine.start(); // the lease may have gone again while the settings were read
    } else engine.stop();
    replays.followAll();
  };
  const unwatchRole = role.onChange((active) => void becomeProducer(active).catch((error) => console.error('quoteline: changing the producer role failed', error)));
  if (role.active) engine.start();
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

  const checkpoint = setInterval(() => {
    if (!role.active) return; // the producer's prices are the ones to keep
    checkpointLastPrices(db, engine.lastPrices()).catch((error) => console.error('quoteline: saving last prices failed', error));
  }, config.checkpointMs);
  checkpoint.unref();

  const audit = new AuditLog(db);
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
    embedKeys,
    embedKeyService,
    audit,
    replays,
    candles,
    candleStore,
    role,
    busHealthy: () => shared?.healthy() ?? true,
    feedChanged: async (slug) => {
      await shared?.announce('feed', slug);
    },
    shutdown() {
      stopping ??= (async () => {
        clearInterval(checkpoint);
        unfollowMarket();
        unfollowOrders();
        unwatchFeeds?.();
        unwatchSignOuts?.();
        unwatchRole();
        stopGrants();
        stopStats();
        replays.stopAll();
        const wasProducer = role.active;
        engine.stop();
        hub.close();
        // The producer writes its last candles and prices before handing the role over.
        await candles.stop();
        if (wasProducer) await checkpointLastPrices(db, engine.lastPrices()).catch(() => undefined);
        await role.stop();
        await log.close();
        await shared?.close();
        await db.$disconnect();
      })();
      return stopping;
    },
  };
}

function isMarketEntry(entry: { type: string; topic: string }): boolean {
  return entry.topic.startsWith('feed:') && ['add', 'update', 'remove', 'status', 'topic_closed'].includes(entry.type);
}

/**
 * Which shared-log market events this instance's engine takes over: all of
 * them, except that the producer keeps its own walk of simulated and replayed
 * feeds (its state is ahead of its own updates coming back); pushed ticks can
 * come from any instance.
 */
function followsFromLog(entry: { type: string; topic: string }, producing: boolean, engine: MarketEngine): boolean {
  if (entry.type !== 'update' || !producing) return true;
  return engine.feedSource(entry.topic.slice('feed:'.length)) === 'push';
}
