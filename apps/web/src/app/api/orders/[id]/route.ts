import { deleteOrder, handle } from '@quoteline/platform';
import { platform } from '@/server/platform';

export const dynamic = 'force-dynamic';

/** Cancel a resting order of the signed-in account. */
export function DELETE(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return handle(async () => deleteOrder(await platform(), request, (await params).id));
}
