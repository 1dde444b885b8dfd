import { deleteInstrument, handle } from '@quoteline/platform';
import { platform } from '@/server/platform';

export const dynamic = 'force-dynamic';

/** Admin: remove an instrument; subscribers see a `remove`. */
export function DELETE(
  request: Request,
  { params }: { params: Promise<{ slug: string; symbol: string }> },
): Promise<Response> {
  return handle(async () => {
    const { slug, symbol } = await params;
    return deleteInstrument(await platform(), request, slug, symbol);
  });
}
