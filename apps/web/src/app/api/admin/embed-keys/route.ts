import { assertSameOrigin, handle, listEmbedKeys, postEmbedKey, principalOf, readJson } from '@quoteline/platform';
import { platform } from '../../../../server/platform';

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
    assertSameOrigin(request);
    const p = await platform();
    return postEmbedKey(p, await principalOf(p, request), await readJson(request));
  });
}
