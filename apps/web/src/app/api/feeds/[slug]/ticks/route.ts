import { handle, postFeedTicks } from '@quoteline/platform';
import { platform } from '@/server/platform';

export const dynamic = 'force-dynamic';

/** A push feed's prices, authorised by its push token (server to server: no cookies, no Origin check). */
export function POST(request: Request, { params }: { params: Promise<{ slug: string }> }): Promise<Response> {
  return handle(async () => postFeedTicks(await platform(), request, (await params).slug));
}
