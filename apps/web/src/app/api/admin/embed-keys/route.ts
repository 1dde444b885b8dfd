import { getEmbedKeys, handle, postEmbedKey } from '@quoteline/platform';
import { platform } from '@/server/platform';

export const dynamic = 'force-dynamic';

/** Admin: every embed key. */
export function GET(request: Request): Promise<Response> {
  return handle(async () => getEmbedKeys(await platform(), request));
}

/** Admin: create an embed key. */
export function POST(request: Request): Promise<Response> {
  return handle(async () => postEmbedKey(await platform(), request));
}
