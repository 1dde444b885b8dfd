import { describe, expect, it } from 'vitest';
import { describeSession, sessionAt, type TradingCalendar } from './tradingCalendar';

const weekdays = (open: string, close: string) =>
  Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, { open, close }]));

const newYork: TradingCalendar = {
  timeZone: 'America/New_York',
  hours: weekdays('09:30', '16:00'),
  holidays: ['2026-12-25'],
};
const london: TradingCalendar = { timeZone: 'Europe/London', hours: weekdays('08:00', '16:30'), holidays: [] };

const at = (iso: string) => Date.parse(iso);
const openUntil = (iso: string) => ({ state: 'open', nextChange: at(iso) });
const closedUntil = (iso: string) => ({ state: 'closed', nextChange: at(iso) });

describe('sessionAt', () => {
  it('is always open without a calendar', () => {
    expect(sessionAt(null, at('2026-03-08T12:00:00Z'))).toEqual({ state: 'open', nextChange: null });
  });

  it('New York: a Friday close opens again Monday across the spring DST change', () => {
    // Fri 6 Mar 2026 17:00 EST; clocks go forward Sun 8 Mar; Mon 09:30 EDT = 13:30Z.
    expect(sessionAt(newYork, at('2026-03-06T22:00:00Z'))).toEqual(closedUntil('2026-03-09T13:30:00Z'));
    expect(sessionAt(newYork, at('2026-03-09T14:00:00Z'))).toEqual(openUntil('2026-03-09T20:00:00Z'));
  });

  it('New York: the autumn DST change moves the open back to 14:30Z', () => {
    // Clocks go back Sun 1 Nov 2026; Mon 09:30 EST = 14:30Z.
    expect(sessionAt(newYork, at('2026-10-30T20:00:00Z')).nextChange).toBe(at('2026-11-02T14:30:00Z'));
  });

  it('London: opens 08:00 GMT before the change and 08:00 BST after it', () => {
    expect(sessionAt(london, at('2026-03-27T07:59:00Z'))).toEqual(closedUntil('2026-03-27T08:00:00Z'));
    // Clocks go forward Sun 29 Mar 2026; Mon 08:00 BST = 07:00Z.
    expect(sessionAt(london, at('2026-03-27T16:30:00Z'))).toEqual(closedUntil('2026-03-30T07:00:00Z'));
    // Clocks go back Sun 25 Oct 2026; the Friday before closes 16:30 BST = 15:30Z.
    expect(sessionAt(london, at('2026-10-23T12:00:00Z'))).toEqual(openUntil('2026-10-23T15:30:00Z'));
  });

  it('skips holidays: Christmas Friday opens again Monday', () => {
    expect(sessionAt(newYork, at('2026-12-24T21:30:00Z')).nextChange).toBe(at('2026-12-28T14:30:00Z'));
  });

  it('switches exactly at the boundary', () => {
    expect(sessionAt(newYork, at('2026-03-09T13:29:59.999Z')).state).toBe('closed');
    expect(sessionAt(newYork, at('2026-03-09T13:30:00Z')).state).toBe('open');
    expect(sessionAt(newYork, at('2026-03-09T20:00:00Z')).state).toBe('closed');
  });

  it('is closed with no next change when no weekday trades', () => {
    const never: TradingCalendar = { timeZone: 'UTC', hours: {}, holidays: [] };
    expect(sessionAt(never, 0)).toEqual({ state: 'closed', nextChange: null });
  });
});

describe('describeSession', () => {
  it('names the next change in the market zone', () => {
    const closed = sessionAt(newYork, at('2026-03-06T22:00:00Z'));
    expect(describeSession(closed, newYork.timeZone)).toBe('Closed · opens Mon 09:30 (New York)');
    const open = sessionAt(london, at('2026-10-23T12:00:00Z'));
    expect(describeSession(open, london.timeZone)).toBe('Open · closes Fri 16:30 (London)');
    expect(describeSession({ state: 'open', nextChange: null }, 'UTC')).toBe('Open');
  });
});
