import { getOrders, handle, postOrder } from '@quoteline/platform';
import { platform } from '@/server/platform';

export const dynamic = 'force-dynamic';

/** The signed-in account's newest orders and fills. */
export function GET(request: Request): Promise<Response> {
  return handle(async () => getOrders(await platform(), request));
}

/** Place an order; needs an Idempotency-Key header. */
export function POST(request: Request): Promise<Response> {
  return handle(async () => postOrder(await platform(), request));
}
