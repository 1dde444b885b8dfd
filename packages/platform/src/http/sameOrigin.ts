import { QuotelineError } from '@quoteline/protocol';
import type { PlatformConfig } from '../config';
import type { HeaderSource } from '../network/peerAddress';
import type { ProxyTrust } from '../network/proxyTrust';

/** What the Origin check compares with: the configured public origins, and the proxies whose forwarded host may count. */
export interface OriginPolicy {
  config: Pick<PlatformConfig, 'publicOrigins' | 'forwardedOrigin'>;
  proxies: ProxyTrust;
}

/**
 * CSRF defence for state-changing requests: the browser must say the request
 * comes from one of our public origins (`PUBLIC_ORIGIN`, by default the
 * address the app listens on; without it also the origin a trusted proxy
 * forwards). The Host and X-Forwarded-Host headers are never compared: anyone
 * can send them. A cross-site Sec-Fetch-Site, an unknown Origin, or no Origin
 * at all on a request carrying cookies is refused with 403.
 */
export function assertSameOrigin(policy: OriginPolicy, request: HeaderSource): void {
  const site = request.headers.get('sec-fetch-site');
  if (site && site !== 'same-origin' && site !== 'none') throw forbidden();
  const origin = request.headers.get('origin');
  if (!origin) {
    if (request.headers.get('cookie')) throw forbidden();
    return; // no cookie, no ambient authority to abuse (e.g. server-to-server)
  }
  let given: string;
  try {
    given = new URL(origin).origin;
  } catch {
    throw forbidden();
  }
  if (policy.config.publicOrigins.includes(given)) return;
  if (policy.config.forwardedOrigin && given === policy.proxies.forwardedOrigin(request)) return;
  throw forbidden();
}

function forbidden(): QuotelineError {
  return new QuotelineError(
    'forbidden',
    'Cross-site request refused: send it from the Quoteline page itself (its origin must be one of PUBLIC_ORIGIN).',
  );
}
