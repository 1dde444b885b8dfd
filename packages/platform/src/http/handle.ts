import { QuotelineError } from '@quoteline/protocol';
import { outageError, RETRY_AFTER_SECONDS } from './outage';

/**
 * The one mapping from anything thrown to the public JSON error response. An unreachable database or Redis is
 * 503 `unavailable` with Retry-After (the request may be retried as it is), never a 500.
 */
export function errorResponse(cause: unknown, headers?: HeadersInit): Response {
  const error = cause instanceof QuotelineError ? cause : (outageError(cause) ?? QuotelineError.from(cause));
  if (error.code === 'internal') console.error('quoteline: unexpected error', cause);
  const answer = Response.json(error.toBody(), { status: error.status, headers });
  if (error.code === 'unavailable' && !answer.headers.has('retry-after'))
    answer.headers.set('Retry-After', String(RETRY_AFTER_SECONDS));
  return answer;
}

/** Runs a route's work and maps any failure to the error response; route handlers are this plus parsing. */
export async function handle(work: () => Promise<Response>): Promise<Response> {
  try {
    return await work();
  } catch (cause) {
    return errorResponse(cause);
  }
}
