import { describe, expect, it } from 'vitest';
import { tickerTapeConfigSchema } from './config';

describe('ticker tape config', () => {
  it('reads symbols from a comma list (a data attribute) or an array, trimmed and de-duplicated', () => {
    expect(tickerTapeConfigSchema.parse({ symbols: ' ACME, GLOBX,ACME ' }).symbols).toEqual(['ACME', 'GLOBX']);
    expect(tickerTapeConfigSchema.parse({ symbols: ['HOOLI'] }).symbols).toEqual(['HOOLI']);
    expect(tickerTapeConfigSchema.parse({ speed: '120' })).toMatchObject({
      feed: 'demo',
      speed: 120,
      title: 'Ticker tape',
    });
  });
  it.each([{ symbols: 'acme' }, { symbols: '' }, { speed: 5 }, { speed: 'fast' }, { feed: 'DEMO' }])(
    'refuses %j',
    (config) => {
      expect(tickerTapeConfigSchema.safeParse(config).success).toBe(false);
    },
  );
});
