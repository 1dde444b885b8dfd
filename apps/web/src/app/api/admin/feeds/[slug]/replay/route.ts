import { assertSameOrigin, handle, principalOf, readText, uploadReplay } from '@quoteline/platform';
import { MAX_REPLAY_BYTES } from '@quoteline/protocol';
import { platform } from '../../../../../../server/platform';

export const dynamic = 'force-dynamic';

/** Admin: upload a replay CSV (at most 1 MB), `?speed=&loop=`. */
export function POST(request: Request, { params }: { params: Promise<{ slug: string }> }): Promise<Response> {
  return handle(async () => {
    assertSameOrigin(request);
    const p = await platform();
    return uploadReplay(p, await principalOf(p, request), (await params).slug, await readText(request, MAX_REPLAY_BYTES), new URL(request.url).searchParams);
  });
}
