import { adminOf, handle, listEmbedKeys, postEmbedKey, principalOf, readJson } from '@quoteline/platform';
import { platform } from '@/server/platform';

export const dynamic = 'force-dynamic';

/** Admin: every embed key. */
export function GET(request: Request): Promise<Response> {
  return handle(async () => {
    const p = await platform();
    return listEmbedKeys(p, await principalOf(p, request));
  });
}

/** Admin: create an embed key. */
export function POST(request: Request): Promise<Response> {
  return handle(async () => {
    const p = await platform();
    const admin = await adminOf(p, request); // before any of the body is read
    return postEmbedKey(p, admin, await readJson(request));
  });
}
