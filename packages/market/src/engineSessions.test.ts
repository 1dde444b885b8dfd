import { describe, expect, it } from 'vitest';
import { MarketEngine, type FeedConfig, type MarketEvent } from './engine';
import type { TradingCalendar } from './calendar/tradingCalendar';

const newYork: TradingCalendar = {
  timeZone: 'America/New_York',
  hours: { mon: { open: '09:30', close: '16:00' }, tue: { open: '09:30', close: '16:00' } },
  holidays: [],
};
// Monday 7 December 2026, 16:00 in New York (EST, UTC−5) is 21:00 UTC.
const CLOSE = Date.UTC(2026, 11, 7, 21, 0);
const TUESDAY_OPEN = Date.UTC(2026, 11, 8, 14, 30);

const feed = (extra: Partial<FeedConfig> = {}): FeedConfig => ({
  slug: 'nyse',
  source: 'simulator',
  status: 'running',
  tickIntervalMs: 500,
  volatility: 0.3,
  drift: 0,
  spreadBps: 8,
  seed: 1,
  instruments: [{ symbol: 'ACME', name: 'Acme', priceScale: 2, tickSize: 1, openPrice: 10_000, lastPrice: 10_000 }],
  calendar: newYork,
  staleAfterMs: 5_000,
  ...extra,
});

function engineAt(start: number) {
  const clock = { now: start };
  const events: MarketEvent[] = [];
  const engine = new MarketEngine({ publish: (e) => events.push(e), now: () => clock.now });
  const statuses = () => events.flatMap((e) => (e.type === 'status' ? [e.data] : []));
  return { engine, clock, statuses };
}

describe('market engine: sessions', () => {
  it('publishes the state with its next change at load, and a status when the session closes', () => {
    const { engine, clock, statuses } = engineAt(CLOSE - 1_000);
    engine.loadFeed(feed());
    expect(statuses()).toEqual([
      {
        topic: 'feed:nyse',
        status: 'running',
        state: 'open',
        nextChange: CLOSE,
        timeZone: 'America/New_York',
        staleAfterMs: 5_000,
      },
    ]);
    engine.checkSessions();
    expect(statuses()).toHaveLength(1); // nothing changed yet
    clock.now = CLOSE;
    engine.checkSessions();
    expect(statuses().at(-1)).toMatchObject({ state: 'closed', nextChange: TUESDAY_OPEN });
    expect(engine.marketStatus('nyse')).toEqual({
      state: 'closed',
      nextChange: TUESDAY_OPEN,
      timeZone: 'America/New_York',
    });
    clock.now = TUESDAY_OPEN;
    engine.checkSessions();
    expect(statuses().at(-1)).toMatchObject({ state: 'open' });
    expect(statuses()).toHaveLength(3);
  });

  it('is halted while paused, refuses pushed ticks while closed, and leaves calendar-less feeds as they were', () => {
    const { engine, statuses } = engineAt(CLOSE + 60_000);
    engine.loadFeed(feed({ source: 'push' }));
    expect(engine.pushTick('nyse', { symbol: 'ACME', price: 10_100 })).toBe('the market is closed');
    engine.setStatus('nyse', 'paused');
    expect(engine.marketStatus('nyse')).toMatchObject({ state: 'halted', nextChange: null });
    expect(statuses().at(-1)).toMatchObject({ status: 'paused', state: 'halted' });

    const plain = engineAt(CLOSE);
    plain.engine.loadFeed(feed({ calendar: null, staleAfterMs: null }));
    expect(plain.statuses()).toEqual([{ topic: 'feed:nyse', status: 'running' }]);
    expect(plain.engine.marketStatus('nyse')).toEqual({ state: 'open', nextChange: null, timeZone: null });
  });

  it('changes the calendar live with setSessions', () => {
    const { engine, statuses } = engineAt(CLOSE + 60_000);
    engine.loadFeed(feed({ calendar: null, staleAfterMs: null }));
    engine.setSessions('nyse', { calendar: newYork, staleAfterMs: null });
    expect(statuses().at(-1)).toEqual({
      topic: 'feed:nyse',
      status: 'running',
      state: 'closed',
      nextChange: TUESDAY_OPEN,
      timeZone: 'America/New_York',
    });
  });
});
