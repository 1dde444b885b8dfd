import { isIP } from 'node:net';
import { networkInterfaces } from 'node:os';
import { z } from 'zod';

function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (
      (url.protocol === 'http:' || url.protocol === 'https:') &&
      url.pathname === '/' &&
      !url.search &&
      !url.hash &&
      !url.username &&
      !url.password
    );
  } catch {
    return false;
  }
}

/** An origin browsers reach the app by (`https://quotes.example.com`, `http://localhost:3000`), kept in its normal form. */
export const originSchema = z
  .string()
  .trim()
  .refine(isOrigin, 'not an origin: scheme, host and optional port only, e.g. https://quotes.example.com')
  .transform((value) => new URL(value).origin);

const WILDCARDS = new Set(['0.0.0.0', '::', '[::]']);

/**
 * The origins of the address the app listens on, the default of
 * `PUBLIC_ORIGIN`: the loopback names (`localhost`, `127.0.0.1`, `[::1]`,
 * which a browser on this machine may use for one another), and `host`, or
 * when it is a wildcard or unknown every address of this machine's interfaces.
 */
export function listeningOrigins(host: string | undefined, port: number): string[] {
  const hosts = new Set(['localhost', '127.0.0.1', '::1']);
  if (host && !WILDCARDS.has(host)) hosts.add(host.replace(/^\[(.*)\]$/, '$1'));
  else
    for (const addresses of Object.values(networkInterfaces()))
      for (const a of addresses ?? []) hosts.add(a.address.replace(/%.*$/, ''));
  return [...hosts].map((h) => new URL(`http://${isIP(h) === 6 ? `[${h}]` : h}:${port}`).origin);
}
