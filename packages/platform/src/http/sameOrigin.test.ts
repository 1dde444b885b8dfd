import { describe, expect, it } from 'vitest';
import { assertSameOrigin } from './sameOrigin';
import { ProxyTrust } from '../network/proxyTrust';
import { peerHeaderName } from '../network/peerAddress';

describe('origin check', () => {
  const proxy = '10.0.0.5';
  const policy = (forwardedOrigin: boolean) => ({
    config: { publicOrigins: ['http://app.test', 'https://quotes.example'], forwardedOrigin },
    proxies: new ProxyTrust([proxy]),
  });
  const req = (headers: Record<string, string>, peer = '203.0.113.1') =>
    new Request('http://app.test/api/orders', {
      method: 'POST',
      headers: { host: 'app.test', [peerHeaderName()]: peer, ...headers },
    });
  it.each([
    ['same origin', { origin: 'http://app.test', cookie: 'x=1' }, true],
    ['another public origin', { origin: 'https://quotes.example', cookie: 'x=1' }, true],
    ['cross origin', { origin: 'https://evil.test', cookie: 'x=1' }, false],
    [
      'cross origin naming itself in Host and X-Forwarded-Host',
      { origin: 'https://evil.example', host: 'evil.example', 'x-forwarded-host': 'evil.example', cookie: 'x=1' },
      false,
    ],
    ['an opaque origin', { origin: 'null', cookie: 'x=1' }, false],
    ['missing origin with a cookie', { cookie: 'x=1' }, false],
    ['missing origin without a cookie', {}, true],
    ['cross-site fetch metadata', { origin: 'http://app.test', 'sec-fetch-site': 'cross-site' }, false],
    ['same-site (another subdomain)', { origin: 'http://app.test', 'sec-fetch-site': 'same-site' }, false],
  ])('%s', (_name, headers, allowed) => {
    if (allowed) expect(() => assertSameOrigin(policy(true), req(headers))).not.toThrow();
    else expect(() => assertSameOrigin(policy(true), req(headers))).toThrow(/Cross-site/);
  });

  it('accepts the origin a trusted proxy forwards only while PUBLIC_ORIGIN is not configured, and only from that proxy', () => {
    const viaProxy = {
      origin: 'https://shop.internal:8443',
      'x-forwarded-host': 'shop.internal:8443',
      'x-forwarded-proto': 'https',
      cookie: 'x=1',
    };
    expect(() => assertSameOrigin(policy(true), req(viaProxy, proxy))).not.toThrow();
    expect(() => assertSameOrigin(policy(false), req(viaProxy, proxy))).toThrow(/Cross-site/);
    expect(() => assertSameOrigin(policy(true), req(viaProxy))).toThrow(/Cross-site/);
    expect(() => assertSameOrigin(policy(true), req({ ...viaProxy, 'x-forwarded-proto': 'http' }, proxy))).toThrow(
      /Cross-site/,
    );
  });
});
