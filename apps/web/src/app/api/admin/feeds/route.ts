import { handle, listFeeds, principalOf } from '@quoteline/platform';
import { platform } from '../../../../server/platform';

export const dynamic = 'force-dynamic';

/** Admin: feeds with their status and instruments. */
export function GET(request: Request): Promise<Response> {
  return handle(async () => {
    const p = await platform();
    return listFeeds(p, await principalOf(p, request));
  });
}
