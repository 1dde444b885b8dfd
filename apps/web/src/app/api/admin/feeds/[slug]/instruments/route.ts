import { handle, postInstrument } from '@quoteline/platform';
import { platform } from '@/server/platform';

export const dynamic = 'force-dynamic';

/** Admin: add an instrument to a feed; subscribers see an `add`. */
export function POST(request: Request, { params }: { params: Promise<{ slug: string }> }): Promise<Response> {
  return handle(async () => postInstrument(await platform(), request, (await params).slug));
}
