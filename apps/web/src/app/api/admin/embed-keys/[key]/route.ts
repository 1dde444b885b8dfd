import { deleteEmbedKey, handle } from '@quoteline/platform';
import { platform } from '@/server/platform';

export const dynamic = 'force-dynamic';

/** Admin: revoke an embed key; its open streams close. */
export function DELETE(request: Request, { params }: { params: Promise<{ key: string }> }): Promise<Response> {
  return handle(async () => deleteEmbedKey(await platform(), request, (await params).key));
}
