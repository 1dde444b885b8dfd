import { addInstrument, assertSameOrigin, handle, principalOf, readJson } from '@quoteline/platform';
import { platform } from '../../../../../../server/platform';

export const dynamic = 'force-dynamic';

/** Admin: add an instrument to a feed; subscribers see an `add`. */
export function POST(request: Request, { params }: { params: Promise<{ slug: string }> }): Promise<Response> {
  return handle(async () => {
    assertSameOrigin(request);
    const p = await platform();
    return addInstrument(p, await principalOf(p, request), (await params).slug, await readJson(request));
  });
}
