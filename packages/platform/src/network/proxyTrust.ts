import { BlockList, isIP } from 'node:net';
import { z } from 'zod';
import { peerAddressOf, type HeaderSource } from './peerAddress';

/** An IP address or CIDR range (`10.0.0.0/8`, `::1`, `fd00::/8`), as `TRUSTED_PROXIES` lists them. */
export const addressRangeSchema = z
  .string()
  .trim()
  .refine(
    (value) => parseRange(value) !== null,
    'not an IP address or CIDR range (e.g. 127.0.0.1, 10.0.0.0/8, fd00::/8)',
  );

function parseRange(value: string): { address: string; prefix: number; type: 'ipv4' | 'ipv6' } | null {
  const [address = '', prefix, extra] = value.split('/');
  const version = isIP(address);
  if (!version || extra !== undefined) return null;
  const bits = version === 4 ? 32 : 128;
  const n = prefix === undefined ? bits : Number(prefix);
  if (!/^\d+$/.test(prefix ?? String(bits)) || n > bits) return null;
  return { address, prefix: n, type: version === 4 ? 'ipv4' : 'ipv6' };
}

/** `::ffff:1.2.3.4` (an IPv4 client of a dual-stack socket) as `1.2.3.4`; null when not an address. */
function normalise(address: string | null | undefined): string | null {
  const a = address?.trim().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
  return a && isIP(a) ? a : null;
}

/**
 * What the app may believe about where a request came from. The TCP peer is
 * a fact; the forwarding headers (X-Forwarded-For, X-Real-IP,
 * X-Forwarded-Host, X-Forwarded-Proto) are whatever the sender wrote, so they
 * count only when the peer is one of the configured proxies.
 */
export class ProxyTrust {
  private readonly trusted = new BlockList();
  private readonly any: boolean;

  constructor(ranges: readonly string[]) {
    for (const range of ranges) {
      const r = parseRange(range.trim());
      if (!r) throw new Error(`not an IP address or CIDR range: ${range}`);
      this.trusted.addSubnet(r.address, r.prefix, r.type);
    }
    this.any = ranges.length > 0;
  }

  /** True when the request's TCP peer is a trusted proxy. */
  fromProxy(request: HeaderSource): boolean {
    return this.trusts(normalise(peerAddressOf(request)));
  }

  /**
   * The client's address: the TCP peer, or, behind a trusted proxy, the
   * nearest address of X-Forwarded-For that is not itself a trusted proxy
   * (each proxy appends the address it saw, so entries left of the nearest
   * untrusted one may be anything), else X-Real-IP. 'unknown' when the peer
   * was not recorded.
   */
  clientAddress(request: HeaderSource): string {
    const peer = normalise(peerAddressOf(request));
    if (!peer) return 'unknown';
    if (!this.trusts(peer)) return peer;
    const hops = request.headers.get('x-forwarded-for')?.split(',') ?? [];
    let nearest = peer;
    for (let i = hops.length - 1; i >= 0; i--) {
      const hop = normalise(hops[i]);
      if (!hop) return nearest;
      if (!this.trusts(hop)) return hop;
      nearest = hop;
    }
    return hops.length ? nearest : (normalise(request.headers.get('x-real-ip')) ?? peer);
  }

  /**
   * The origin the client used, as a trusted proxy forwards it
   * (X-Forwarded-Proto and X-Forwarded-Host, else Host; the last entry, which
   * the nearest proxy wrote); null when the peer is no trusted proxy.
   */
  forwardedOrigin(request: HeaderSource): string | null {
    if (!this.fromProxy(request)) return null;
    const host = lastEntry(request.headers.get('x-forwarded-host')) ?? request.headers.get('host');
    const proto = lastEntry(request.headers.get('x-forwarded-proto')) === 'https' ? 'https' : 'http';
    if (!host) return null;
    try {
      return new URL(`${proto}://${host}`).origin;
    } catch {
      return null;
    }
  }

  /** True when the client's connection is TLS as a trusted proxy says (X-Forwarded-Proto: https); this app itself serves plain HTTP. */
  isSecure(request: HeaderSource): boolean {
    return this.fromProxy(request) && lastEntry(request.headers.get('x-forwarded-proto')) === 'https';
  }

  private trusts(address: string | null): boolean {
    return this.any && address !== null && this.trusted.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4');
  }
}

function lastEntry(header: string | null): string | null {
  return header?.split(',').at(-1)?.trim() || null;
}
