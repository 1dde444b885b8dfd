import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './passwords';
import { FailureThrottle } from './throttle';
import { readCookie, sessionCookie } from './cookies';
import { assertSameOrigin } from './origin';

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
  it('refuses a key after too many recent failures and forgets them with time', () => {
    let now = 0;
    const t = new FailureThrottle({ maxFailures: 3, windowMs: 1000, now: () => now });
    for (let i = 0; i < 3; i++) t.fail('k');
    expect(t.retryAfter('k')).toBe(1);
    expect(t.retryAfter('other')).toBe(0);
    now = 1001;
    expect(t.retryAfter('k')).toBe(0);
  });
});

describe('cookies and origin', () => {
  it('reads the session cookie and writes it httpOnly, SameSite, Secure over TLS', () => {
    expect(readCookie('a=1; ql_session=abc; b=2', 'ql_session')).toBe('abc');
    expect(sessionCookie('t', new Date(0), true)).toMatch(/HttpOnly; SameSite=Lax; .*; Secure$/);
  });

  const req = (headers: Record<string, string>) => new Request('http://app.test/api/orders', { method: 'POST', headers: { host: 'app.test', ...headers } });
  it.each([
    ['same origin', { origin: 'http://app.test', cookie: 'x=1' }, true],
    ['cross origin', { origin: 'https://evil.test', cookie: 'x=1' }, false],
    ['missing origin with a cookie', { cookie: 'x=1' }, false],
    ['missing origin without a cookie', {}, true],
    ['cross-site fetch metadata', { origin: 'http://app.test', 'sec-fetch-site': 'cross-site' }, false],
    ['same-site (another subdomain)', { origin: 'http://app.test', 'sec-fetch-site': 'same-site' }, false],
  ])('%s', (_name, headers, allowed) => {
    if (allowed) expect(() => assertSameOrigin(req(headers))).not.toThrow();
    else expect(() => assertSameOrigin(req(headers))).toThrow(/Cross-site/);
  });
});
