import { describe, expect, it } from 'vitest';
import { clientBucket, FailureThrottle } from './throttle';

describe('FailureThrottle', () => {
  it('reserves attempts up to the limit, refuses until the oldest slides out, and gives released ones back', () => {
    let now = 0;
    const t = new FailureThrottle({ maxFailures: 3, windowMs: 1000, now: () => now });
    const claims = [t.reserve('k'), t.reserve('k'), t.reserve('k')];
    expect(claims.every((c) => c.granted)).toBe(true);
    expect(t.reserve('k')).toEqual({ granted: false, retryAfter: 1 });
    expect(t.reserve('other').granted).toBe(true);
    const last = claims[2]!;
    if (last.granted) t.release('k', last.slot);
    expect(t.reserve('k').granted).toBe(true);
    expect(t.reserve('k').granted).toBe(false);
    now = 1001;
    expect(t.reserve('k').granted).toBe(true);
    t.clear('k');
    expect([t.reserve('k'), t.reserve('k'), t.reserve('k')].every((c) => c.granted)).toBe(true);
  });
});

describe('FailureThrottle with a growing delay', () => {
  it('past the free attempts allows one attempt 1 s after the latest, then 2 s, 4 s, up to the cap, never a lock', () => {
    let now = 0;
    const t = new FailureThrottle({
      maxFailures: 2,
      windowMs: 60_000,
      delay: { baseMs: 1000, maxMs: 4000 },
      now: () => now,
    });
    expect([t.reserve('e'), t.reserve('e')].every((c) => c.granted)).toBe(true);
    expect(t.reserve('e')).toEqual({ granted: false, retryAfter: 1 });
    const gaps: number[] = [];
    for (let i = 0; i < 4; i++) {
      const start = now;
      while (!t.reserve('e').granted) now += 100;
      gaps.push(now - start);
    }
    expect(gaps).toEqual([1000, 2000, 4000, 4000]);
  });
});

describe('clientBucket', () => {
  it.each([
    ['203.0.113.7', '203.0.113.7'],
    ['2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
    ['2001:db8:1:2::9', '2001:db8:1:2::/64'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
    ['64:ff9b::192.0.2.1', '64:ff9b:0:0::/64'],
  ])('%s counts as %s', (address, bucket) => expect(clientBucket(address)).toBe(bucket));
});
