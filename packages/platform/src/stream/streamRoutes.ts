import type { IncomingMessage, ServerResponse } from 'node:http';
import { QuotelineError } from '@quoteline/protocol';
import { attachNodeResponse } from '@quoteline/stream';
import { corsHeaders } from '../embed/embedKeys';
import { errorResponse } from '../http/handle';
import { headOf, sendResponse, type RequestHead } from '../http/nodeHttp';
import { readJson } from '../http/readBody';
import type { Platform } from '../platform';
import { principalOf } from '../sessions/sessionRoutes';

/** Headers of every stream response: never cached, never transformed (compression would buffer), never proxy-buffered. */
export const SSE_HEADERS: Readonly<Record<string, string>> = {
  'Content-Type': 'text/event-stream; charset=utf-8',
  'Cache-Control': 'no-cache, no-transform',
  'X-Accel-Buffering': 'no',
  Connection: 'keep-alive',
};

/** True when an Accept header names `text/event-stream` itself (a wildcard is not enough: the endpoint answers 406). */
export function acceptsEventStream(accept: string | null): boolean {
  return !!accept && /(^|,)\s*text\/event-stream\s*(;|,|$)/i.test(accept);
}

/**
 * `GET /api/stream?topics=feed:demo,...`: the one multiplexed SSE stream,
 * resumable with Last-Event-ID or `lastEventId`, `?key=` for embeds. Only
 * when every topic is refused does the request fail, each refusal listed
 * (and, for an allowed embedding page, with its CORS header, so the page can
 * read why). Served on Node's own response: each frame goes straight to the
 * socket (see docs/architecture.md, "Why the stream is not an App Router handler").
 */
export async function serveStream(platform: Platform, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const answer = await openStreamResponse(platform, headOf(req), res);
  if (answer) await sendResponse(res, answer);
}

/** Opens the stream onto `res`; or returns the error answer to send instead (before any byte of the stream). */
async function openStreamResponse(
  platform: Platform,
  request: RequestHead,
  res: ServerResponse,
): Promise<Response | null> {
  const url = request.url;
  const principal = await principalOf(platform, request);
  if (!acceptsEventStream(request.headers.get('accept')))
    throw new QuotelineError(
      'not_acceptable',
      'This endpoint only speaks text/event-stream; send Accept: text/event-stream.',
    );
  const opening = await platform.stream.prepare({
    topics: url.searchParams.get('topics'),
    lastEventId: request.headers.get('last-event-id') ?? url.searchParams.get('lastEventId'),
    replay: url.searchParams.get('replay'),
    principal,
    key: url.searchParams.get('key'),
    origin: request.headers.get('origin'),
  });
  const cors = opening.grant ? corsHeaders(opening.grant.origin) : {};
  let connection;
  try {
    connection = await platform.stream.open(opening);
  } catch (error) {
    return errorResponse(error, cors);
  }
  if (res.destroyed) {
    connection.close('client_closed'); // gone while the stream was being opened
    return null;
  }
  res.writeHead(200, { ...SSE_HEADERS, ...cors });
  attachNodeResponse(connection, res);
  return null;
}

/**
 * `POST /api/stream/subscriptions`: adds or removes topics of an open stream; the new topics' snapshots arrive on
 * that stream. No Origin check for our own pages: the connection's token is the proof. Embeds name their key
 * (`?key=`), which must allow the Origin.
 */
export async function postStreamSubscriptions(platform: Platform, request: Request): Promise<Response> {
  const key = new URL(request.url).searchParams.get('key');
  const origin = request.headers.get('origin');
  const body = await platform.stream.changeSubscriptions(
    await readJson(request),
    await principalOf(platform, request),
    key ? { key, origin } : undefined,
  );
  return Response.json(body, { headers: key && origin ? corsHeaders(origin) : undefined });
}

/** `POST /api/test/streams/drop` (test hooks only): drops every open stream of this instance, as a crash or deploy would. */
export async function postTestStreamsDrop(platform: Platform): Promise<Response> {
  if (!platform.config.testHooks) throw new QuotelineError('not_found', 'Not found.');
  return Response.json({ dropped: platform.stream.dropAll() });
}
