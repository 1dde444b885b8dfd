import type { Db } from '@quoteline/db';
import type { FeedConfig, TradingCalendar } from '@quoteline/market';
import { tradingCalendarSchema } from '@quoteline/protocol';

type FeedRow = NonNullable<Awaited<ReturnType<typeof loadFeedRow>>>;

function loadFeedRow(db: Db, slug: string) {
  return db.feed.findUnique({ where: { slug }, include: { instruments: true } });
}

/** Reads every feed with its instruments from the database, in the shape the market engine takes. */
export async function loadFeedConfigs(db: Db): Promise<FeedConfig[]> {
  const feeds = await db.feed.findMany({ include: { instruments: true }, orderBy: { slug: 'asc' } });
  return feeds.map(toFeedConfig);
}

/** One feed as the engine takes it, or null when it no longer exists. */
export async function loadFeedConfig(
  db: Db,
  slug: string,
): Promise<{ config: FeedConfig; replay: ReplaySettings | null } | null> {
  const row = await loadFeedRow(db, slug);
  if (!row) return null;
  return {
    config: toFeedConfig(row),
    replay: row.replayCsv ? { csv: row.replayCsv, speed: row.replaySpeed, loop: row.replayLoop } : null,
  };
}

/** Every replay feed that has a stored file, with its file and pace. */
export async function storedReplays(db: Db): Promise<{ slug: string; replay: ReplaySettings }[]> {
  const feeds = await db.feed.findMany({ where: { source: 'replay', replayCsv: { not: null } } });
  return feeds.map((f) => ({ slug: f.slug, replay: { csv: f.replayCsv!, speed: f.replaySpeed, loop: f.replayLoop } }));
}

/** A replay feed's stored file and pace. */
export interface ReplaySettings {
  csv: string;
  speed: number;
  loop: boolean;
}

function toFeedConfig(f: FeedRow): FeedConfig {
  return {
    slug: f.slug,
    source: f.source,
    status: f.status === 'paused' ? 'paused' : 'running',
    ...feedSettings(f),
    instruments: f.instruments.map((i) => ({
      symbol: i.symbol,
      name: i.name,
      priceScale: i.priceScale,
      tickSize: i.tickSize,
      openPrice: i.openPrice,
      lastPrice: i.lastPrice,
    })),
  };
}

type SettingsRow = Pick<
  FeedRow,
  'tickIntervalMs' | 'volatility' | 'drift' | 'spreadBps' | 'seed' | 'calendar' | 'staleAfterMs'
>;

/** A stored feed's simulator settings and sessions, as the engine takes them and the admin API lists them. */
export function feedSettings(f: SettingsRow) {
  return {
    tickIntervalMs: f.tickIntervalMs,
    volatility: f.volatility,
    drift: f.drift,
    spreadBps: f.spreadBps,
    seed: f.seed,
    calendar: storedCalendar(f.calendar),
    staleAfterMs: f.staleAfterMs,
  };
}

/** A feed's stored calendar (JSON), or null (always open) when there is none or it no longer validates. */
export function storedCalendar(json: string | null): TradingCalendar | null {
  if (!json) return null;
  try {
    const parsed = tradingCalendarSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Writes the engine's live last prices back, so a restart continues from them. */
export async function checkpointLastPrices(db: Db, prices: { symbol: string; price: number }[]): Promise<void> {
  if (prices.length === 0) return;
  await db.$transaction(
    prices.map((p) => db.instrument.updateMany({ where: { symbol: p.symbol }, data: { lastPrice: p.price } })),
  );
}
