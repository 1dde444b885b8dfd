import { deleteFeed, handle, patchFeed } from '@quoteline/platform';
import { platform } from '@/server/platform';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ slug: string }> };

/** Admin: rename or retune a feed (applies live). */
export function PATCH(request: Request, { params }: Params): Promise<Response> {
  return handle(async () => patchFeed(await platform(), request, (await params).slug));
}

/** Admin: delete a feed; `?confirm=true` when streams still watch it. */
export function DELETE(request: Request, { params }: Params): Promise<Response> {
  return handle(async () => deleteFeed(await platform(), request, (await params).slug));
}
