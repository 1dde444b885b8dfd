import { addInstrument, adminOf, handle, readJson } from '@quoteline/platform';
import { platform } from '@/server/platform';

export const dynamic = 'force-dynamic';

/** Admin: add an instrument to a feed; subscribers see an `add`. */
export function POST(request: Request, { params }: { params: Promise<{ slug: string }> }): Promise<Response> {
  return handle(async () => {
    const p = await platform();
    const admin = await adminOf(p, request); // before any of the body is read
    return addInstrument(p, admin, (await params).slug, await readJson(request));
  });
}
