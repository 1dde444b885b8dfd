import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './passwords';
import { clientBucket, FailureThrottle } from './throttle';
import { readCookie, sessionCookie } from './cookies';
import { assertSameOrigin } from './origin';
import { ProxyTrust } from '../network/proxyTrust';
import { peerHeaderName } from '../network/peerAddress';

describe('passwords', () => {
  it('verifies the right password only, with a fresh salt each time', async () => {
    const a = await hashPassword('correct horse battery');
    const b = await hashPassword('correct horse battery');
    expect(a).not.toBe(b);
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(await verifyPassword('correct horse battery', a)).toBe(true);
    expect(await verifyPassword('correct horse batterY', a)).toBe(false);
    expect(await verifyPassword('x', 'garbage')).toBe(false);
  });
});

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
    const t = new FailureThrottle({ maxFailures: 2, windowMs: 60_000, delay: { baseMs: 1000, maxMs: 4000 }, now: () => now });
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

describe('cookies and origin', () => {
  it('reads the session cookie and writes it httpOnly, SameSite, Secure over TLS', () => {
    expect(readCookie('a=1; ql_session=abc; b=2', 'ql_session')).toBe('abc');
    expect(readCookie('ql_session=%E0%A4%A', 'ql_session')).toBeNull(); // not decodable: signed out, not a URIError
    expect(sessionCookie('t', new Date(0), true)).toMatch(/HttpOnly; SameSite=Lax; .*; Secure$/);
  });

  const proxy = '10.0.0.5';
  const policy = (forwardedOrigin: boolean) => ({ config: { publicOrigins: ['http://app.test', 'https://quotes.example'], forwardedOrigin }, proxies: new ProxyTrust([proxy]) });
  const req = (headers: Record<string, string>, peer = '203.0.113.1') =>
    new Request('http://app.test/api/orders', { method: 'POST', headers: { host: 'app.test', [peerHeaderName()]: peer, ...headers } });
  it.each([
    ['same origin', { origin: 'http://app.test', cookie: 'x=1' }, true],
    ['another public origin', { origin: 'https://quotes.example', cookie: 'x=1' }, true],
    ['cross origin', { origin: 'https://evil.test', cookie: 'x=1' }, false],
    ['cross origin naming itself in Host and X-Forwarded-Host', { origin: 'https://evil.example', host: 'evil.example', 'x-forwarded-host': 'evil.example', cookie: 'x=1' }, false],
    ['an opaque origin', { origin: 'null', cookie: 'x=1' }, false],
    ['missing origin with a cookie', { cookie: 'x=1' }, false],
    ['missing origin without a cookie', {}, true],
    ['cross-site fetch metadata', { origin: 'http://app.test', 'sec-fetch-site': 'cross-site' }, false],
    ['same-site (another subdomain)', { origin: 'http://app.test', 'sec-fetch-site': 'same-site' }, false],
  ])('%s', (_name, headers, allowed) => {
    if (allowed) expect(() => assertSameOrigin(policy(true), req(headers))).not.toThrow();
    else expect(() => assertSameOrigin(policy(true), req(headers))).toThrow(/Cross-site/);
  });

  it("accepts the origin a trusted proxy forwards only while PUBLIC_ORIGIN is not configured, and only from that proxy", () => {
    const viaProxy = { origin: 'https://shop.internal:8443', 'x-forwarded-host': 'shop.internal:8443', 'x-forwarded-proto': 'https', cookie: 'x=1' };
    expect(() => assertSameOrigin(policy(true), req(viaProxy, proxy))).not.toThrow();
    expect(() => assertSameOrigin(policy(false), req(viaProxy, proxy))).toThrow(/Cross-site/);
    expect(() => assertSameOrigin(policy(true), req(viaProxy))).toThrow(/Cross-site/);
    expect(() => assertSameOrigin(policy(true), req({ ...viaProxy, 'x-forwarded-proto': 'http' }, proxy))).toThrow(/Cross-site/);
  });
});
