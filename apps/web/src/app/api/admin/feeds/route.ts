import { assertSameOrigin, createFeed, handle, listFeeds, principalOf, readJson } from '@quoteline/platform';
import { platform } from '../../../../server/platform';

export const dynamic = 'force-dynamic';

/** Admin: feeds with their status and instruments. */
export function GET(request: Request): Promise<Response> {
  return handle(async () => {
    const p = await platform();
    return listFeeds(p, await principalOf(p, request));
  });
}

/** Admin: create a simulator or push feed. */
export function POST(request: Request): Promise<Response> {
  return handle(async () => {
    assertSameOrigin(request);
    const p = await platform();
    return createFeed(p, await principalOf(p, request), await readJson(request));
  });
}
