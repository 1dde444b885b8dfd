import { describe, expect, it } from 'vitest';
import { quoteBoardConfigSchema } from './config';

describe('quote board config', () => {
  it('fills defaults and accepts chosen columns', () => {
    expect(quoteBoardConfigSchema.parse({})).toMatchObject({ feed: 'demo', title: 'Quotes' });
    expect(quoteBoardConfigSchema.parse({ feed: 'fx', columns: ['symbol', 'last'] }).columns).toEqual([
      'symbol',
      'last',
    ]);
  });
  it.each([{ feed: 'Bad Feed' }, { columns: [] }, { columns: ['volume'] }, { title: 'x'.repeat(81) }])(
    'refuses %j',
    (config) => {
      expect(quoteBoardConfigSchema.safeParse(config).success).toBe(false);
    },
  );
});
