import type { IncomingMessage, ServerResponse } from 'node:http';
import { handleNode, serveStream } from '@quoteline/platform';
import { platform } from '@/server/platform';

// A Pages Router API route, not an App Router handler: Next.js hands over Node's response,
// so each frame goes straight to the socket instead of through a web ReadableStream (docs/architecture.md).
export const config = { api: { bodyParser: false, responseLimit: false, externalResolver: true } };

/** The one multiplexed SSE stream: `GET ?topics=feed:demo,...`, resumable with Last-Event-ID or `lastEventId`. */
export default function stream(req: IncomingMessage, res: ServerResponse): Promise<void> {
  return handleNode(req, res, { GET: async () => serveStream(await platform(), req, res) });
}
