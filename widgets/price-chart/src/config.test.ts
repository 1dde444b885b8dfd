import { describe, expect, it } from 'vitest';
import { priceChartConfigSchema } from './config';

describe('price chart config', () => {
  it('needs a symbol and fills the rest', () => {
    expect(priceChartConfigSchema.parse({ symbol: 'ACME' })).toMatchObject({
      symbol: 'ACME',
      feed: 'demo',
      interval: '1m',
      kind: 'candles',
    });
    expect(priceChartConfigSchema.parse({ symbol: 'ACME', interval: '1h', kind: 'line' })).toMatchObject({
      interval: '1h',
      kind: 'line',
    });
  });
  it.each([{}, { symbol: 'acme' }, { symbol: 'ACME', interval: '2m' }, { symbol: 'ACME', kind: 'bars' }])(
    'refuses %j',
    (config) => {
      expect(priceChartConfigSchema.safeParse(config).success).toBe(false);
    },
  );
});
