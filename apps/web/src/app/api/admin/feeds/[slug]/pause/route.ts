import { handle, postFeedPause } from '@quoteline/platform';
import { platform } from '@/server/platform';

export const dynamic = 'force-dynamic';

/** Admin: pause the feed's updates. */
export function POST(request: Request, { params }: { params: Promise<{ slug: string }> }): Promise<Response> {
  return handle(async () => postFeedPause(await platform(), request, (await params).slug));
}
