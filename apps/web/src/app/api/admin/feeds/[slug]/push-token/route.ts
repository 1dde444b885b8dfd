import { handle, postFeedPushToken } from '@quoteline/platform';
import { platform } from '@/server/platform';

export const dynamic = 'force-dynamic';

/** Admin: rotate a push feed's token (shown once). */
export function POST(request: Request, { params }: { params: Promise<{ slug: string }> }): Promise<Response> {
  return handle(async () => postFeedPushToken(await platform(), request, (await params).slug));
}
