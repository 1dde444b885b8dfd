import type { IncomingMessage } from 'node:http';
import { headersOf, type RequestHead } from '../http/nodeHttp';
import { assertSameOrigin } from '../http/sameOrigin';
import { readJson } from '../http/readBody';
import type { Platform } from '../platform';
import { principalOf } from '../sessions/sessionRoutes';

/** Order answers are per account and change with every fill: never cached. */
const json = (body: unknown, status = 200) => Response.json(body, { status, headers: { 'Cache-Control': 'no-store' } });

/**
 * `POST /api/orders`: 201 with the order; a retried Idempotency-Key answers as its first request did, refusals
 * included. It reads Node's request (a Pages Router API route: the order path's HTTP cost is half an App Router
 * handler's, docs/architecture.md).
 */
export async function postOrder(platform: Platform, request: IncomingMessage): Promise<Response> {
  const head = headersOf(request); // the order path reads no URL
  assertSameOrigin(platform, head);
  const principal = await principalOf(platform, head);
  const key = head.headers.get('idempotency-key');
  const body = principal && key ? await readJson(request, 4 * 1024) : null;
  const placement = await platform.orders.place(principal, key, body);
  return 'order' in placement ? json(placement.order, 201) : json(placement.refusal.toBody(), placement.refusal.status);
}

/** `DELETE /api/orders/<id>`. */
export async function deleteOrder(platform: Platform, request: Request, id: string): Promise<Response> {
  assertSameOrigin(platform, request);
  return json(await platform.orders.cancel(await principalOf(platform, request), id));
}

/** `GET /api/orders`. */
export async function getOrders(platform: Platform, request: RequestHead): Promise<Response> {
  return json(await platform.orders.list(await principalOf(platform, request)));
}

/** `GET /api/portfolio`. */
export async function getPortfolio(platform: Platform, request: Request): Promise<Response> {
  return json(await platform.orders.portfolio(await principalOf(platform, request)));
}
