import { getStream, handle } from '@quoteline/platform';
import { platform } from '@/server/platform';

export const dynamic = 'force-dynamic';

/** The one multiplexed SSE stream: `?topics=feed:demo,...`, resumable with Last-Event-ID or `lastEventId`. */
export function GET(request: Request): Promise<Response> {
  return handle(async () => getStream(await platform(), request));
}
