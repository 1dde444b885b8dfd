import { getFeeds, handle, postFeed } from '@quoteline/platform';
import { platform } from '@/server/platform';

export const dynamic = 'force-dynamic';

/** Admin: feeds with their status and instruments. */
export function GET(request: Request): Promise<Response> {
  return handle(async () => getFeeds(await platform(), request));
}

/** Admin: create a simulator, push or replay feed. */
export function POST(request: Request): Promise<Response> {
  return handle(async () => postFeed(await platform(), request));
}
