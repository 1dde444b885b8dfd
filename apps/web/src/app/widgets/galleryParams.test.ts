import { describe, expect, it } from 'vitest';
import { parseGalleryParams } from './galleryParams';

describe('gallery query', () => {
  it('defaults to one demo board', () => {
    expect(parseGalleryParams({})).toEqual({
      boards: ['demo'],
      tape: [],
      chart: [],
      chartFeed: 'demo',
      interval: '1m',
      kind: 'candles',
      theme: undefined,
    });
  });

  it('shows only tapes and charts when the link asks only for them, keeping valid items', () => {
    expect(
      parseGalleryParams({ tape: 'demo', chart: 'ACME, bad,GLOBX', interval: '5m', kind: 'line', theme: 'dark' }),
    ).toEqual({
      boards: [],
      tape: ['demo'],
      chart: ['ACME', 'GLOBX'],
      chartFeed: 'demo',
      interval: '5m',
      kind: 'line',
      theme: 'dark',
    });
    expect(parseGalleryParams({ boards: 'fx', chart: 'ACME', interval: '2m', theme: 'blue' })).toMatchObject({
      boards: ['fx'],
      interval: '1m',
      theme: undefined,
    });
    expect(parseGalleryParams({ chart: 'FX1', chartFeed: 'fx' })).toMatchObject({ chart: ['FX1'], chartFeed: 'fx' });
    expect(parseGalleryParams({ chart: 'ACME', chartFeed: 'Not A Slug' })).toMatchObject({ chartFeed: 'demo' });
  });
});
