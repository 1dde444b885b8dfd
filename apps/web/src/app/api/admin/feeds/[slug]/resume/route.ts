import { handle, postFeedResume } from '@quoteline/platform';
import { platform } from '@/server/platform';

export const dynamic = 'force-dynamic';

/** Admin: resume the feed's updates. */
export function POST(request: Request, { params }: { params: Promise<{ slug: string }> }): Promise<Response> {
  return handle(async () => postFeedResume(await platform(), request, (await params).slug));
}
