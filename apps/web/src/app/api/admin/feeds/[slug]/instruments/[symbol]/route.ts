import { adminOf, handle, removeInstrument } from '@quoteline/platform';
import { platform } from '@/server/platform';

export const dynamic = 'force-dynamic';

/** Admin: remove an instrument; subscribers see a `remove`. */
export function DELETE(request: Request, { params }: { params: Promise<{ slug: string; symbol: string }> }): Promise<Response> {
  return handle(async () => {
    const p = await platform();
    const admin = await adminOf(p, request);
    const { slug, symbol } = await params;
    return removeInstrument(p, admin, slug, symbol);
  });
}
