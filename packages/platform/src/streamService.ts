import { QuotelineError, invalid, subscriptionRequestSchema, topicListSchema, type SubscriptionResponse } from '@quoteline/protocol';
import { sseBody } from '@quoteline/stream';
import type { Platform } from './platform';
import type { StreamPrincipal } from './directory';
import type { Principal } from './sessions/principal';
import { corsHeaders } from './embed/embedKeys';
import { errorResponse } from './http/handle';

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
  /** `replay=latest`: resume with only the latest update per symbol. */
  replay?: string | null;
  principal: Principal;
  signal: AbortSignal;
  /** embed key (`key` parameter) of a third-party page, and the page's Origin */
  key?: string | null;
  origin?: string | null;
}

/**
 * Validates a stream request and opens it. Whole-request refusals (Accept,
 * the topic list, the embed key and Origin) throw before any byte is sent;
 * topics are then decided one by one, and only when every one is refused does
 * the request fail, with each refusal listed (and, for an allowed embedding
 * page, its CORS header, so the page can read why).
 */
export async function openStream(platform: Platform, request: StreamRequest): Promise<Response> {
  if (!acceptsEventStream(request.accept))
    throw new QuotelineError('not_acceptable', 'This endpoint only speaks text/event-stream; send Accept: text/event-stream.');
  const topics = topicListSchema.safeParse(request.topics ?? '');
  if (!topics.success) throw invalid('invalid_topic', `The topics parameter must list 1 to 32 topics (feed:<slug>, account:<id> or admin:connections), comma-separated.`, topics.error.issues);
  // Any last id, however malformed, is passed on: the log answers what it cannot replay with a `reset`.
  const lastEventId = request.lastEventId ? request.lastEventId.slice(0, 256) : null;
  // A third-party page: its key must allow this Origin; it then decides each topic, and never grants private ones.
  const grant = request.key ? await platform.embedKeys.grant(request.key, request.origin ?? null) : null;
  const cors = grant ? corsHeaders(grant.origin) : {};
  const principal: StreamPrincipal = grant ? { embed: grant } : request.principal;
  let connection;
  try {
    connection = await platform.hub.open({ topics: topics.data, principal, lastEventId, symbols: grant?.symbols, latestOnly: request.replay === 'latest' });
  } catch (error) {
    return errorResponse(error, cors);
  }
  // Next.js does not always fire the signal on disconnect; a failed write also closes (see Connection.flush).
  if (request.signal.aborted) connection.close('client_closed');
  else request.signal.addEventListener('abort', () => connection.close('client_closed'), { once: true });
  return new Response(sseBody(connection), { status: 200, headers: { ...SSE_HEADERS, ...cors } });
}

/**
 * Applies `POST /api/stream/subscriptions`: validates the body, then changes
 * the connection's topics wherever it lives, each topic decided on its own.
 * With an embed key (`?key=`), the key must allow the Origin; a stream opened
 * with a key is decided by that key whatever the request carries.
 */
export async function changeSubscriptions(
  platform: Platform,
  body: unknown,
  principal: Principal,
  embed?: { key: string; origin: string | null },
): Promise<SubscriptionResponse> {
  const parsed = subscriptionRequestSchema.safeParse(body);
  if (!parsed.success) {
    const topicIssue = parsed.error.issues.some((i) => i.path[0] === 'subscribe' || i.path[0] === 'unsubscribe');
    throw invalid(topicIssue ? 'invalid_topic' : 'invalid_body', 'The subscription request is not valid.', parsed.error.issues);
  }
  const grant = embed ? await platform.embedKeys.grant(embed.key, embed.origin) : null;
  return platform.control.change({ ...parsed.data, principal: grant ? { embed: grant } : principal });
}
