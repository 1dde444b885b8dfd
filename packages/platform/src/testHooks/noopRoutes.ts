import type { IncomingMessage } from 'node:http';
import { QuotelineError } from '@quoteline/protocol';
import { headersOf } from '../http/nodeHttp';
import { readJson } from '../http/readBody';
import { assertSameOrigin } from '../http/sameOrigin';
import type { Platform } from '../platform';

/**
 * `POST /api/test/noop` (test hooks only): the HTTP layer's own cost, for `bench:orders`' baseline. It does what
 * every POST does before its work (Origin check, JSON body read with a limit) on the same route type as
 * `POST /api/orders`, and answers 201 JSON.
 */
export async function postTestNoop(platform: Platform, request: IncomingMessage): Promise<Response> {
  if (!platform.config.testHooks) throw new QuotelineError('not_found', 'Not found.');
  assertSameOrigin(platform, headersOf(request));
  const body = await readJson(request, 4 * 1024);
  return Response.json({ received: typeof body }, { status: 201, headers: { 'Cache-Control': 'no-store' } });
}
