import { handle, postFeedReplay } from '@quoteline/platform';
import { platform } from '@/server/platform';

export const dynamic = 'force-dynamic';

/** Admin: upload a replay CSV (at most 1 MB), `?speed=&loop=`. */
export function POST(request: Request, { params }: { params: Promise<{ slug: string }> }): Promise<Response> {
  return handle(async () => postFeedReplay(await platform(), request, (await params).slug));
}
