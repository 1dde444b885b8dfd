import { describe, expect, it } from 'vitest';
import { addressRangeSchema, ProxyTrust } from './proxyTrust';
import { peerHeaderName } from './peerAddress';

const from = (peer: string | null, headers: Record<string, string> = {}) =>
  new Request('http://app.test/api/session', {
    headers: { ...(peer === null ? {} : { [peerHeaderName()]: peer }), ...headers },
  });

describe('ProxyTrust', () => {
  const proxies = new ProxyTrust(['127.0.0.1', '10.0.0.0/8', 'fd00::/8']);

  it('takes the TCP peer as the client when the peer is no trusted proxy, whatever it forwards', () => {
    expect(
      proxies.clientAddress(from('203.0.113.5', { 'x-forwarded-for': '198.51.100.1', 'x-real-ip': '198.51.100.2' })),
    ).toBe('203.0.113.5');
    expect(new ProxyTrust([]).clientAddress(from('127.0.0.1', { 'x-forwarded-for': '198.51.100.1' }))).toBe(
      '127.0.0.1',
    );
    expect(proxies.fromProxy(from('203.0.113.5'))).toBe(false);
  });

  it('behind trusted proxies takes the nearest untrusted X-Forwarded-For hop, else X-Real-IP, else the proxy', () => {
    expect(proxies.fromProxy(from('::ffff:127.0.0.1'))).toBe(true);
    expect(proxies.clientAddress(from('127.0.0.1', { 'x-forwarded-for': '198.51.100.1, 203.0.113.9' }))).toBe(
      '203.0.113.9',
    ); // the client wrote the first
    expect(proxies.clientAddress(from('127.0.0.1', { 'x-forwarded-for': '203.0.113.9, 10.1.2.3' }))).toBe(
      '203.0.113.9',
    ); // two proxies
    expect(proxies.clientAddress(from('127.0.0.1', { 'x-forwarded-for': 'junk, 10.1.2.3' }))).toBe('10.1.2.3');
    expect(proxies.clientAddress(from('127.0.0.1', { 'x-real-ip': '203.0.113.4' }))).toBe('203.0.113.4');
    expect(proxies.clientAddress(from('fd12::1'))).toBe('fd12::1');
  });

  it("answers 'unknown' when this process did not record the peer (never a header's word)", () => {
    expect(proxies.clientAddress(from(null, { 'x-forwarded-for': '203.0.113.9' }))).toBe('unknown');
    expect(proxies.fromProxy(from(null))).toBe(false);
  });

  it.each(['127.0.0.1', '10.0.0.0/8', '::1', 'fd00::/8', ' 192.168.0.0/16 '])(
    'accepts %s as a trusted proxy range',
    (range) => {
      expect(addressRangeSchema.safeParse(range).success).toBe(true);
    },
  );
  it.each(['localhost', '10.0.0.0/33', '10.0.0.0/8/1', '::1/129', '10.0.0.0/x', ''])('refuses %s', (range) => {
    expect(addressRangeSchema.safeParse(range).success).toBe(false);
  });
});
