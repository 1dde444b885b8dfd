import type { IncomingMessage, ServerResponse } from 'node:http';
import { answer, getOrders, handleNode, headOf, postOrder } from '@quoteline/platform';
import { platform } from '@/server/platform';

// A Pages Router API route, as the stream is: Node's request and response without Next's web-stream piping,
// half the HTTP cost per order of an App Router handler (docs/architecture.md). The body is read by the route.
export const config = { api: { bodyParser: false, externalResolver: true } };

/** `GET` the signed-in account's newest orders and fills; `POST` places an order (needs an Idempotency-Key header). */
export default function orders(req: IncomingMessage, res: ServerResponse): Promise<void> {
  return handleNode(req, res, {
    GET: answer(res, async () => getOrders(await platform(), headOf(req))),
    POST: answer(res, async () => postOrder(await platform(), req)),
  });
}
