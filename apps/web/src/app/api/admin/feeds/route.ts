import { adminOf, createFeed, handle, listFeeds, principalOf, readJson } from '@quoteline/platform';
import { platform } from '@/server/platform';

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
    const p = await platform();
    const admin = await adminOf(p, request); // before any of the body is read
    return createFeed(p, admin, await readJson(request));
  });
}
