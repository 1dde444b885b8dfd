import {
  feedSlugOf,
  feedTopic,
  type AddEvent,
  type FeedStatus,
  type RemoveEvent,
  type StatusEvent,
  type TopicClosedEvent,
  type UpdateEvent,
} from '@quoteline/protocol';
import { createRandom, type Random } from './random';
import { gbmStep, quoteFromMid, type Quote, type SimulatorParams } from './simulator';
import { toWirePrice } from './money';
import { sessionAt, type SessionState, type TradingCalendar } from './calendar/tradingCalendar';

/** A market event the engine emits, ready for the event log. */
export type MarketEvent =
  | { topic: string; type: 'add'; data: AddEvent }
  | { topic: string; type: 'remove'; data: RemoveEvent }
  | { topic: string; type: 'update'; data: UpdateEvent }
  | { topic: string; type: 'status'; data: StatusEvent }
  | { topic: string; type: 'topic_closed'; data: TopicClosedEvent };

/** An instrument as the engine is given it (from the database). Prices in minor units. */
export interface InstrumentConfig {
  symbol: string;
  name: string;
  priceScale: number;
  tickSize: number;
  openPrice: number;
  lastPrice: number;
}

/** A feed as the engine is given it (from the database). */
export interface FeedConfig extends SimulatorParams {
  slug: string;
  source: string;
  status: FeedStatus;
  tickIntervalMs: number;
  seed: number;
  instruments: InstrumentConfig[];
  /** when the market is open; null or absent = always open */
  calendar?: TradingCalendar | null;
  /** a quote older than this many ms is stale; null or absent = never */
  staleAfterMs?: number | null;
}

/** A feed's market right now: halted (paused), or open/closed by its calendar, and when that changes by itself. */
export interface MarketStatus {
  state: 'open' | 'closed' | 'halted';
  nextChange: number | null;
  timeZone: string | null;
}

/** The live state of one instrument, in minor units. */
export interface InstrumentState extends Quote {
  symbol: string;
  name: string;
  decimals: number;
  tickSize: number;
  open: number;
  /** unrounded mid price the random walk continues from */
  mid: number;
  ts: number;
}

interface FeedState {
  config: FeedConfig;
  random: Random;
  instruments: Map<string, InstrumentState>;
  timer: ReturnType<typeof setInterval> | null;
  /** the calendar's state last published (null before the first) */
  session: SessionState | null;
}

/** How often the engine looks whether a calendar's session opened or closed. */
export const SESSION_CHECK_MS = 1000;

/**
 * How far a pushed tick's own `ts` may be from the engine's clock, in ms. A
 * time far ahead would close every candle period before it (later ticks then
 * look older and are skipped), and one beyond what a date can hold cannot be
 * stored at all.
 */
export const MAX_TICK_CLOCK_SKEW_MS = 5 * 60_000;

/** What the engine needs from the world: where events go and what time it is. */
export interface MarketEngineOptions {
  publish(event: MarketEvent): void;
  now?: () => number;
}

/**
 * Holds every feed's live quotes and drives simulated feeds. Plain TypeScript:
 * the platform wires `publish` to the event log; tests call `tick()` directly.
 */
export class MarketEngine {
  private readonly feeds = new Map<string, FeedState>();
  private readonly publish: (event: MarketEvent) => void;
  /** Slugs of feeds deleted since start (bounded), so a reader asking for one can be told it was deleted, not that it never was. */
  private readonly deleted = new Set<string>();
  private readonly now: () => number;
  /** Timers run only between start() and stop(): an instance that is not the producer never ticks. */
  private started = false;
  private sessionTimer: ReturnType<typeof setInterval> | null = null;

  constructor(options: MarketEngineOptions) {
    this.publish = options.publish;
    this.now = options.now ?? Date.now;
  }

  /**
   * Loads a feed, replacing one of the same slug, and announces each
   * instrument with an `add`, then its status (so a feed re-created under an
   * old slug does not inherit the old one's); with `announce` false (an
   * instance joining a shared log, where they were announced already) it
   * loads silently. A started engine starts its timer.
   */
  loadFeed(config: FeedConfig, { announce = true } = {}): void {
    this.unloadFeed(config.slug, { announce: false });
    this.deleted.delete(config.slug);
    const state: FeedState = {
      config,
      random: createRandom(config.seed),
      instruments: new Map(),
      timer: null,
      session: sessionAt(config.calendar ?? null, this.now()),
    };
    this.feeds.set(config.slug, state);
    const sorted = [...config.instruments].sort((a, b) => a.symbol.localeCompare(b.symbol));
    for (const instrument of sorted) {
      if (announce) this.addInstrument(config.slug, instrument);
      else state.instruments.set(instrument.symbol, this.stateOf(state, instrument));
    }
    if (announce) this.publishStatus(state);
    this.startTimer(state);
  }

  /**
   * Stops a feed; with `announce` (it was deleted), subscribers see a `remove`
   * per instrument, then a `topic_closed` that takes the topic off their streams.
   */
  unloadFeed(slug: string, { announce = true } = {}): void {
    const state = this.feeds.get(slug);
    if (!state) return;
    this.stopTimer(state);
    if (announce) for (const symbol of [...state.instruments.keys()]) this.removeInstrument(slug, symbol);
    this.feeds.delete(slug);
    const topic = feedTopic(slug);
    if (!announce) return;
    this.rememberDeleted(slug);
    this.publish({
      topic,
      type: 'topic_closed',
      data: { topic, reason: 'deleted', message: `The feed "${slug}" was deleted.` },
    });
  }

  /** Adds (or re-adds) one instrument to a loaded feed and publishes its `add`. */
  addInstrument(slug: string, instrument: InstrumentConfig): void {
    const state = this.requireFeed(slug);
    const inst = this.stateOf(state, instrument);
    state.instruments.set(inst.symbol, inst);
    this.publish({ topic: feedTopic(slug), type: 'add', data: toAddEvent(slug, inst) });
  }

  private stateOf(state: FeedState, instrument: InstrumentConfig): InstrumentState {
    const quote = quoteFromMid(instrument.lastPrice, instrument.tickSize, state.config.spreadBps);
    return {
      symbol: instrument.symbol,
      name: instrument.name,
      decimals: instrument.priceScale,
      tickSize: instrument.tickSize,
      open: instrument.openPrice,
      mid: instrument.lastPrice,
      ts: this.now(),
      ...quote,
    };
  }

  /** Removes one instrument and publishes its `remove`; false when it was not there. */
  removeInstrument(slug: string, symbol: string): boolean {
    const state = this.feeds.get(slug);
    if (!state?.instruments.delete(symbol)) return false;
    this.publish({ topic: feedTopic(slug), type: 'remove', data: { topic: feedTopic(slug), symbol } });
    return true;
  }

  /** Starts the timers of every running simulated feed. */
  start(): void {
    this.started = true;
    for (const state of this.feeds.values()) this.startTimer(state);
    this.sessionTimer ??= setInterval(() => this.checkSessions(), SESSION_CHECK_MS);
    this.sessionTimer.unref?.();
  }

  /** Stops every timer; state stays, so `start()` continues the same walk. */
  stop(): void {
    this.started = false;
    for (const state of this.feeds.values()) this.stopTimer(state);
    if (this.sessionTimer) clearInterval(this.sessionTimer);
    this.sessionTimer = null;
  }

  /**
   * Publishes a `status` for every feed whose calendar opened or closed since
   * it was last looked at, and starts or stops its simulator to match (the
   * engine's timer calls it every second; tests call it with their clock).
   */
  checkSessions(): void {
    const now = this.now();
    for (const state of this.feeds.values()) {
      if (!state.config.calendar) continue;
      const session = sessionAt(state.config.calendar, now);
      if (session.state === state.session?.state && session.nextChange === state.session.nextChange) continue;
      state.session = session;
      if (session.state === 'open') this.startTimer(state);
      else this.stopTimer(state);
      this.publishStatus(state);
    }
  }

  /** Sets a feed's calendar and staleness bound; subscribers see a `status` with the new state. */
  setSessions(slug: string, settings: Pick<FeedConfig, 'calendar' | 'staleAfterMs'>): void {
    const state = this.requireFeed(slug);
    state.config = { ...state.config, ...settings };
    state.session = sessionAt(state.config.calendar ?? null, this.now());
    this.stopTimer(state);
    this.startTimer(state);
    this.publishStatus(state);
  }

  /** A loaded feed's market now (halted while paused); null for an unknown feed. */
  marketStatus(slug: string): MarketStatus | null {
    const state = this.feeds.get(slug);
    if (!state) return null;
    const timeZone = state.config.calendar?.timeZone ?? null;
    if (state.config.status === 'paused') return { state: 'halted', nextChange: null, timeZone };
    const session = sessionAt(state.config.calendar ?? null, this.now());
    return { ...session, timeZone };
  }

  /** Advances every instrument of a simulated feed by one tick and publishes an `update` each. */
  tick(slug: string): void {
    const state = this.requireFeed(slug);
    const { config, random } = state;
    const ts = this.now();
    const topic = feedTopic(slug);
    for (const inst of state.instruments.values()) {
      inst.mid = gbmStep(inst.mid, config, config.tickIntervalMs, random);
      Object.assign(inst, quoteFromMid(inst.mid, inst.tickSize, config.spreadBps));
      inst.ts = ts;
      this.publishQuote(topic, inst);
    }
  }

  /**
   * Applies a market event another instance published (scaled deployment):
   * the state follows the shared log, nothing is published. Events of feeds
   * not loaded here are ignored; the feed list itself comes from the database.
   */
  follow(event: MarketEvent): void {
    const slug = feedSlugOf(event.topic) ?? '';
    if (event.type === 'topic_closed') return this.rememberDeleted(slug); // the database change unloads it here
    const state = this.feeds.get(slug);
    if (!state) return;
    if (event.type === 'status') return this.applyStatus(state, event.data.status);
    if (event.type === 'remove') {
      state.instruments.delete(event.data.symbol);
      return;
    }
    const existing = state.instruments.get(event.data.symbol);
    if (event.type === 'add' && existing) return; // announced by this instance, or a repeat
    if (event.type === 'update') {
      if (!existing) return; // an update for an instrument this instance has not seen added
      const minor = (wire: number) => Math.round(wire * 10 ** existing.decimals);
      Object.assign(existing, {
        price: minor(event.data.price),
        bid: minor(event.data.bid),
        ask: minor(event.data.ask),
        mid: minor(event.data.price),
        ts: event.data.ts,
      });
      return;
    }
    const d = event.data.decimals;
    const minor = (wire: number) => Math.round(wire * 10 ** d);
    state.instruments.set(event.data.symbol, {
      symbol: event.data.symbol,
      name: event.data.name,
      decimals: d,
      tickSize: 1,
      open: minor(event.data.open),
      mid: minor(event.data.price),
      ts: event.data.ts,
      price: minor(event.data.price),
      bid: minor(event.data.bid),
      ask: minor(event.data.ask),
    });
  }

  /**
   * Takes the tick sizes of a feed's instruments from its stored configuration:
   * an instrument learned from the log (`follow`) starts with tick size 1, as an
   * `add` does not carry one, and a producer must quote on the real grid.
   */
  adoptTickSizes(slug: string, instruments: readonly Pick<InstrumentConfig, 'symbol' | 'tickSize'>[]): void {
    const state = this.feeds.get(slug);
    if (!state) return;
    for (const { symbol, tickSize } of instruments) {
      const instrument = state.instruments.get(symbol);
      if (instrument) instrument.tickSize = tickSize;
    }
  }

  /** How an instrument of a loaded feed is quoted (decimals, tick size in minor units); null when unknown. */
  tickGrid(slug: string, symbol: string): { decimals: number; tickSize: number } | null {
    const inst = this.feeds.get(slug)?.instruments.get(symbol);
    return inst ? { decimals: inst.decimals, tickSize: inst.tickSize } : null;
  }

  /** The feed slugs currently loaded. */
  feedSlugs(): string[] {
    return [...this.feeds.keys()];
  }

  /** Applies new simulator settings to a running feed at once (the walk continues from the current prices). */
  configure(
    slug: string,
    settings: Partial<Pick<FeedConfig, 'tickIntervalMs' | 'volatility' | 'drift' | 'spreadBps'>>,
  ): void {
    const state = this.requireFeed(slug);
    state.config = { ...state.config, ...settings };
    if (state.timer) {
      this.stopTimer(state);
      this.startTimer(state);
    }
  }

  /**
   * A price pushed by a push feed (minor units): bid/ask default to the
   * feed's spread around it; its `ts` (default now) must be within
   * `MAX_TICK_CLOCK_SKEW_MS` of the engine's clock. Returns why it was refused, or null.
   */
  pushTick(
    slug: string,
    tick: { symbol: string; price: number; bid?: number; ask?: number; ts?: number },
  ): string | null {
    const state = this.requireFeed(slug);
    if (state.config.status === 'paused') return 'the feed is paused';
    if (this.marketStatus(slug)?.state === 'closed') return 'the market is closed';
    const inst = state.instruments.get(tick.symbol);
    if (!inst) return `${tick.symbol} is not an instrument of this feed`;
    const now = this.now();
    if (tick.ts !== undefined && !(Math.abs(tick.ts - now) <= MAX_TICK_CLOCK_SKEW_MS))
      return `ts must be within ${MAX_TICK_CLOCK_SKEW_MS / 60_000} minutes of the server clock (${new Date(now).toISOString()}); leave it out to use the server's time`;
    const spread = quoteFromMid(tick.price, inst.tickSize, state.config.spreadBps);
    const bid = tick.bid ?? spread.bid;
    const ask = tick.ask ?? spread.ask;
    if (!(bid < ask) || bid <= 0) return 'bid must be positive and below ask';
    Object.assign(inst, { price: tick.price, bid, ask, mid: tick.price, ts: tick.ts ?? now });
    this.publishQuote(feedTopic(slug), inst);
    return null;
  }

  /** Pauses or resumes a feed: no updates while paused; its quotes stay as they are. Subscribers see a `status` when it changes. */
  setStatus(slug: string, status: FeedStatus): void {
    const state = this.requireFeed(slug);
    const changed = state.config.status !== status;
    this.applyStatus(state, status);
    if (changed) this.publishStatus(state);
  }

  /** Whether a loaded feed is running or paused; null for an unknown feed. */
  feedStatus(slug: string): FeedStatus | null {
    return this.feeds.get(slug)?.config.status ?? null;
  }

  /** A loaded feed's source (simulator, push, replay); null for an unknown feed. */
  feedSource(slug: string): string | null {
    return this.feeds.get(slug)?.config.source ?? null;
  }

  /** True when a feed of this slug is loaded. */
  hasFeed(slug: string): boolean {
    return this.feeds.has(slug);
  }

  /** True when a feed of this slug was deleted since this engine started (and not created again). */
  wasDeleted(slug: string): boolean {
    return this.deleted.has(slug);
  }

  private rememberDeleted(slug: string): void {
    this.deleted.add(slug);
    if (this.deleted.size > 1000) this.deleted.delete(this.deleted.values().next().value!);
  }

  /** The `add` events describing a feed right now (its snapshot), or null for an unknown feed. */
  snapshot(slug: string): AddEvent[] | null {
    const state = this.feeds.get(slug);
    if (!state) return null;
    return [...state.instruments.values()].map((inst) => toAddEvent(slug, inst));
  }

  /** Every instrument's current price in minor units, to write back to the database. */
  lastPrices(): { symbol: string; price: number }[] {
    return [...this.feeds.values()].flatMap((state) =>
      [...state.instruments.values()].map((i) => ({ symbol: i.symbol, price: i.price })),
    );
  }

  /** The instrument's quote as it stands, in wire prices at its own decimals. */
  private publishQuote(topic: string, inst: InstrumentState): void {
    const wire = (minor: number) => toWirePrice(minor, inst.decimals);
    const [price, bid, ask] = [wire(inst.price), wire(inst.bid), wire(inst.ask)];
    this.publish({ type: 'update', topic, data: { topic, symbol: inst.symbol, price, bid, ask, ts: inst.ts } });
  }

  /** A feed's `status` event: its status, plus the market fields when it has a calendar or a staleness bound. */
  private publishStatus(state: FeedState): void {
    const { slug, status, calendar, staleAfterMs } = state.config;
    const topic = feedTopic(slug);
    const data: StatusEvent = { topic, status };
    if (calendar || staleAfterMs) {
      const market = this.marketStatus(slug)!;
      Object.assign(data, { state: market.state, nextChange: market.nextChange });
      if (calendar) data.timeZone = calendar.timeZone;
      if (staleAfterMs) data.staleAfterMs = staleAfterMs;
    }
    this.publish({ topic, type: 'status', data });
  }

  private requireFeed(slug: string): FeedState {
    const state = this.feeds.get(slug);
    if (!state) throw new Error(`feed ${slug} is not loaded`);
    return state;
  }

  /** Sets a feed's status and runs or stops its timer to match (nothing published). */
  private applyStatus(state: FeedState, status: FeedStatus): void {
    state.config = { ...state.config, status };
    if (status === 'paused') this.stopTimer(state);
    else this.startTimer(state);
  }

  private startTimer(state: FeedState): void {
    if (!this.started || state.timer || state.config.status !== 'running' || state.config.source !== 'simulator')
      return;
    if (state.session?.state === 'closed') return; // a closed market does not trade
    state.timer = setInterval(() => this.tick(state.config.slug), state.config.tickIntervalMs);
    state.timer.unref?.();
  }

  private stopTimer(state: FeedState): void {
    if (state.timer) clearInterval(state.timer);
    state.timer = null;
  }
}

function toAddEvent(slug: string, inst: InstrumentState): AddEvent {
  const d = inst.decimals;
  return {
    topic: feedTopic(slug),
    symbol: inst.symbol,
    name: inst.name,
    price: toWirePrice(inst.price, d),
    bid: toWirePrice(inst.bid, d),
    ask: toWirePrice(inst.ask, d),
    open: toWirePrice(inst.open, d),
    decimals: d,
    ts: inst.ts,
  };
}
