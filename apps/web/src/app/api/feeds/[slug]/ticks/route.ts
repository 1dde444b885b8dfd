import { authorizePush, handle, pushTicks, readJson } from '@quoteline/platform';
import { platform } from '@/server/platform';

export const dynamic = 'force-dynamic';

/** A push feed's prices, authorised by its push token (server to server: no cookies, no Origin check). */
export function POST(request: Request, { params }: { params: Promise<{ slug: string }> }): Promise<Response> {
  return handle(async () => {
    const p = await platform();
    const feed = await authorizePush(p, (await params).slug, request.headers.get('authorization')); // before any of the body is read
    return pushTicks(p, feed, await readJson(request, 256 * 1024));
  });
}
