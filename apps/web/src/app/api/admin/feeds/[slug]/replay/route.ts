import { adminOf, handle, readText, uploadReplay } from '@quoteline/platform';
import { MAX_REPLAY_BYTES } from '@quoteline/protocol';
import { platform } from '@/server/platform';

export const dynamic = 'force-dynamic';

/** Admin: upload a replay CSV (at most 1 MB), `?speed=&loop=`. */
export function POST(request: Request, { params }: { params: Promise<{ slug: string }> }): Promise<Response> {
  return handle(async () => {
    const p = await platform();
    const admin = await adminOf(p, request); // before any of the body is read
    return uploadReplay(p, admin, (await params).slug, await readText(request, MAX_REPLAY_BYTES), new URL(request.url).searchParams);
  });
}
