import { adminOf, deleteFeed, handle, readJson, updateFeed } from '@quoteline/platform';
import { platform } from '@/server/platform';

export const dynamic = 'force-dynamic';

/** Admin: rename or retune a feed (applies live). */
export function PATCH(request: Request, { params }: { params: Promise<{ slug: string }> }): Promise<Response> {
  return handle(async () => {
    const p = await platform();
    const admin = await adminOf(p, request); // before any of the body is read
    return updateFeed(p, admin, (await params).slug, await readJson(request));
  });
}

/** Admin: delete a feed; `?confirm=true` when streams still watch it. */
export function DELETE(request: Request, { params }: { params: Promise<{ slug: string }> }): Promise<Response> {
  return handle(async () => {
    const p = await platform();
    return deleteFeed(p, await adminOf(p, request), (await params).slug, new URL(request.url).searchParams.get('confirm') === 'true');
  });
}
