import { QuotelineError, invalid, subscriptionRequestSchema, topicListSchema } from '@quoteline/protocol';
import { sseBody } from '@quoteline/stream';
import type { Platform } from './platform';
import type { Principal } from './directory';
import { corsHeaders, type EmbedGrant } from './embed/embedKeys';

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
  /** embed key (`key` parameter) of a third-party page, and the page's Origin */
  key?: string | null;
  origin?: string | null;
}

/** Who opened an embedded stream: the grant of its key, so revoking the key can close it. */
export interface EmbedPrincipal {
  embed: EmbedGrant;
}

/** Validates a stream request and opens it; throws QuotelineError for every refusal, before any byte is sent. */
export async function openStream(platform: Platform, request: StreamRequest): Promise<Response> {
  if (!acceptsEventStream(request.accept))
    throw new QuotelineError('not_acceptable', 'This endpoint only speaks text/event-stream; send Accept: text/event-stream.');
  const topics = topicListSchema.safeParse(request.topics ?? '');
  if (!topics.success) throw invalid('invalid_topic', 'The topics parameter must list feed:<slug>, account:<id> or admin:connections topics, comma-separated.', topics.error.issues);
  // Any last id, however malformed, is passed on: the log answers what it cannot replay with a `reset`.
  const lastEventId = request.lastEventId ? request.lastEventId.slice(0, 256) : null;
  // A third-party page: its key must allow this Origin and these feeds; it never gets private topics.
  const grant = request.key ? await platform.embedKeys.grant(request.key, request.origin ?? null, topics.data) : null;
  const principal: Principal | EmbedPrincipal = grant ? { embed: grant } : request.principal;
  const connection = await platform.hub.open({ topics: topics.data, principal, lastEventId, symbols: grant?.symbols });
  // Next.js does not always fire the signal on disconnect; a failed write also closes (see Connection.flush).
  if (request.signal.aborted) connection.close('client_closed');
  else request.signal.addEventListener('abort', () => connection.close('client_closed'), { once: true });
  return new Response(sseBody(connection), { status: 200, headers: grant ? { ...SSE_HEADERS, ...corsHeaders(grant.origin) } : SSE_HEADERS });
}

/** Applies `POST /api/stream/subscriptions`: validates the body, then changes the connection's topics. With an embed key, the key must allow the Origin and every new feed. */
export async function changeSubscriptions(
  platform: Platform,
  body: unknown,
  principal: Principal,
  embed?: { key: string; origin: string | null },
): Promise<{ topics: string[] }> {
  const parsed = subscriptionRequestSchema.safeParse(body);
  if (!parsed.success) {
    const topicIssue = parsed.error.issues.some((i) => i.path[0] === 'subscribe' || i.path[0] === 'unsubscribe');
    throw invalid(topicIssue ? 'invalid_topic' : 'invalid_body', 'The subscription request is not valid.', parsed.error.issues);
  }
  const grant = embed ? await platform.embedKeys.grant(embed.key, embed.origin, parsed.data.subscribe) : null;
  const topics = await platform.control.change({ ...parsed.data, principal: grant ? { embed: grant } : principal });
  return { topics };
}
