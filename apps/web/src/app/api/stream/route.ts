import { handle, openStream, principalOf } from '@quoteline/platform';
import { platform } from '@/server/platform';

export const dynamic = 'force-dynamic';

/** The one multiplexed SSE stream: `?topics=feed:demo,...`, resumable with Last-Event-ID or `lastEventId`. */
export function GET(request: Request): Promise<Response> {
  return handle(async () => {
    const url = new URL(request.url);
    const p = await platform();
    return openStream(p, {
      accept: request.headers.get('accept'),
      topics: url.searchParams.get('topics'),
      lastEventId: request.headers.get('last-event-id') ?? url.searchParams.get('lastEventId'),
      replay: url.searchParams.get('replay'),
      principal: await principalOf(p, request),
      signal: request.signal,
      key: url.searchParams.get('key'),
      origin: request.headers.get('origin'),
    });
  });
}
