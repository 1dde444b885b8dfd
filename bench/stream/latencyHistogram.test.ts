import { describe, expect, it } from 'vitest';
import { LatencyHistogram } from './latencyHistogram';

describe('LatencyHistogram', () => {
  it('gives nearest-rank percentiles in whole ms', () => {
    const h = new LatencyHistogram(1000);
    for (let ms = 1; ms <= 100; ms++) h.record(ms);
    expect(h.percentile(50)).toBe(50);
    expect(h.percentile(99)).toBe(99);
    expect(h.percentile(100)).toBe(100);
    expect(h.mean()).toBe(50.5);
  });

  it('clamps negatives to 0 and overflow to the last bucket', () => {
    const h = new LatencyHistogram(10);
    h.record(-2);
    h.record(5000);
    expect(h.negative).toBe(1);
    expect(h.percentile(1)).toBe(0);
    expect(h.percentile(100)).toBe(10);
    expect(h.max).toBe(5000);
  });

  it('is empty after reset', () => {
    const h = new LatencyHistogram(10);
    h.record(3);
    h.reset();
    expect(h.percentile(50)).toBeNull();
    expect(h.count).toBe(0);
  });
});
