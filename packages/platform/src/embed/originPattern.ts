import { ORIGIN_PATTERN } from '@quoteline/protocol/patterns';

/**
 * Matches a browser Origin against an embed key's allowed origin patterns:
 * `https://example.com` (exact), `http://localhost:*` (any port),
 * `https://*.example.com` (any subdomain, not the apex). Scheme always exact;
 * `*` alone, `null` and malformed origins never match.
 */
export function originAllowed(origin: string | null, patterns: readonly string[]): boolean {
  if (!origin || origin === 'null') return false;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.origin !== origin) return false; // paths, credentials or trailing slashes: not an Origin header
  return patterns.some((pattern) => matches(url, pattern));
}

function matches(url: URL, pattern: string): boolean {
  const m = ORIGIN_PATTERN.exec(pattern.trim());
  if (!m) return false;
  const [, scheme, subdomains, host, port] = m;
  if (url.protocol !== `${scheme!.toLowerCase()}:`) return false;
  const hostname = url.hostname.toLowerCase();
  const base = host!.toLowerCase();
  const hostOk = subdomains ? hostname.endsWith(`.${base}`) : hostname === base;
  if (!hostOk) return false;
  if (port === '*') return true;
  const defaultPort = url.protocol === 'https:' ? '443' : '80';
  return (url.port || defaultPort) === (port ?? defaultPort);
}
