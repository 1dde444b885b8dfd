import { QuotelineError, invalid, subscriptionRequestSchema, topicListSchema } from '@quoteline/protocol';
import { sseBody } from '@quoteline/stream';
import type { Platform } from './platform';
import type { Principal } from './directory';

/** Headers of every stream response: never cached, never transformed (compression would buffer), never proxy-buffered. */
export const SSE_HEADERS: Readonly<Record<string, string>> = {
  'Content-Type': 'text/event-stream; charset=utf-8',
  'Cache-Control': 'no-cache, no-transform',
  'X-Accel-Buffering': 'no',
  Connection: 'keep-alive',
};

/** True when an Accept header names `text/event-stream` itself (a wildcard is not enough: the brief answers 406). */
export function acceptsEventStream(accept: string | null): boolean {
  return !!accept && /(^|,)\s*text\/event-stream\s*(;|,|$)/i.test(accept);
}

/** Input of `GET /api/stream` once the route has read the request. */
export interface StreamRequest {
  accept: string | null;
  topics: string | null;
  lastEventId: string | null;
  principal: Principal;
  signal: AbortSignal;
}

/** Validates a stream request and opens it; throws QuotelineError for every refusal, before any byte is sent. */
export async function openStream(platform: Platform, request: StreamRequest): Promise<Response> {
  if (!acceptsEventStream(request.accept))
    throw new QuotelineError('not_acceptable', 'This endpoint only speaks text/event-stream; send Accept: text/event-stream.');
  const topics = topicListSchema.safeParse(request.topics ?? '');
  if (!topics.success) throw invalid('invalid_topic', 'The topics parameter must list feed:<slug> or account:<id> topics, comma-separated.', topics.error.issues);
  // Any last id, however malformed, is passed on: the log answers what it cannot replay with a `reset`.
  const lastEventId = request.lastEventId ? request.lastEventId.slice(0, 256) : null;
  const connection = await platform.hub.open({ topics: topics.data, principal: request.principal, lastEventId });
  // Next.js does not always fire the signal on disconnect; a failed write also closes (see Connection.flush).
  if (request.signal.aborted) connection.close('client_closed');
  else request.signal.addEventListener('abort', () => connection.close('client_closed'), { once: true });
  return new Response(sseBody(connection), { status: 200, headers: SSE_HEADERS });
}

/** Applies `POST /api/stream/subscriptions`: validates the body, then changes the connection's topics. */
export async function changeSubscriptions(platform: Platform, body: unknown, principal: Principal): Promise<{ topics: string[] }> {
  const parsed = subscriptionRequestSchema.safeParse(body);
  if (!parsed.success) {
    const topicIssue = parsed.error.issues.some((i) => i.path[0] === 'subscribe' || i.path[0] === 'unsubscribe');
    throw invalid(topicIssue ? 'invalid_topic' : 'invalid_body', 'The subscription request is not valid.', parsed.error.issues);
  }
  const topics = await platform.control.change({ ...parsed.data, principal });
  return { topics };
}
