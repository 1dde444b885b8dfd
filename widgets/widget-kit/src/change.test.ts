import { describe, expect, it } from 'vitest';
import { quoteChange } from './change';

describe('quoteChange', () => {
  it('measures against the open in minor units', () => {
    expect(quoteChange(143.86, 142.5, 2)).toEqual({ change: 1.36, percent: (136 / 14250) * 100, direction: 'up' });
    expect(quoteChange(0.3, 0.1 + 0.2, 2)).toMatchObject({ change: 0, direction: 'flat' });
    expect(quoteChange(9, 10, 0)).toEqual({ change: -1, percent: -10, direction: 'down' });
    expect(quoteChange(5, 0, 2).percent).toBe(0);
  });
});
