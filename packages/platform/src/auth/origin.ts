import { QuotelineError } from '@quoteline/protocol';

/**
 * CSRF defence for state-changing requests: the browser must say the request
 * comes from our own origin. A cross-site Origin, a cross-site Sec-Fetch-Site,
 * or no Origin at all on a request carrying cookies is refused with 403.
 */
export function assertSameOrigin(request: Request): void {
  const site = request.headers.get('sec-fetch-site');
  if (site && site !== 'same-origin' && site !== 'none') throw forbidden();
  const origin = request.headers.get('origin');
  if (!origin) {
    if (request.headers.get('cookie')) throw forbidden();
    return; // no cookie, no ambient authority to abuse (e.g. server-to-server)
  }
  const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host') ?? new URL(request.url).host;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    throw forbidden();
  }
  if (originHost !== host) throw forbidden();
}

function forbidden(): QuotelineError {
  return new QuotelineError('forbidden', 'Cross-site request refused: send it from the Quoteline page itself.');
}
