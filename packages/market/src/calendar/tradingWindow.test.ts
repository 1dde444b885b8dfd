import { describe, expect, it } from 'vitest';
import { tradingRefusal } from './tradingWindow';

describe('tradingRefusal', () => {
  it('lets orders through while open and names the reopening when closed', () => {
    expect(tradingRefusal('ACME', { state: 'open', nextChange: null, timeZone: null })).toBeNull();
    expect(tradingRefusal('ACME', null)).toBeNull();
    expect(
      tradingRefusal('ACME', {
        state: 'closed',
        nextChange: Date.UTC(2026, 11, 7, 14, 30),
        timeZone: 'America/New_York',
      }),
    ).toEqual({
      code: 'market_closed',
      message: 'The market for ACME is closed (Closed · opens Mon 09:30 (New York)).',
    });
    expect(tradingRefusal('ACME', { state: 'halted', nextChange: null, timeZone: null })?.code).toBe('feed_paused');
  });
});
