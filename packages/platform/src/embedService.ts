import { QuotelineError } from '@quoteline/protocol';
import { corsHeaders } from './embed/embedKeys';
import type { Platform } from './platform';

/** `GET /api/embed/check?key=`: what a key allows for the calling page; 403 without CORS headers otherwise. */
export async function checkEmbedKey(platform: Platform, request: Request): Promise<Response> {
  const key = new URL(request.url).searchParams.get('key');
  if (!key) throw new QuotelineError('bad_request', 'Name the embed key: ?key=pk_…');
  const grant = await platform.embedKeys.grant(key, request.headers.get('origin'));
  return Response.json({ feeds: grant.feeds, symbols: grant.symbols }, { headers: { ...corsHeaders(grant.origin), 'Cache-Control': 'no-store' } });
}

/** CORS preflight of an embed's subscriptions POST: allowed origins only. */
export async function embedPreflight(platform: Platform, request: Request): Promise<Response> {
  const key = new URL(request.url).searchParams.get('key');
  if (!key) return new Response(null, { status: 403 });
  const grant = await platform.embedKeys.grant(key, request.headers.get('origin')).catch(() => null);
  if (!grant) return new Response(null, { status: 403 });
  return new Response(null, {
    status: 204,
    headers: { ...corsHeaders(grant.origin), 'Access-Control-Allow-Methods': 'POST', 'Access-Control-Allow-Headers': 'Content-Type', 'Access-Control-Max-Age': '600' },
  });
}
