import { QuotelineError } from '@quoteline/protocol';
import { adminOf, readingAdminOf } from '../admin/adminAccess';
import { readJson } from '../http/readBody';
import type { Platform } from '../platform';
import { corsHeaders } from './embedKeys';

/** `GET /api/embed/check?key=`: what a key allows for the calling page; 403 without CORS headers otherwise. */
export async function getEmbedCheck(platform: Platform, request: Request): Promise<Response> {
  const key = new URL(request.url).searchParams.get('key');
  if (!key) throw new QuotelineError('bad_request', 'Name the embed key: ?key=pk_…');
  const grant = await platform.embedKeys.grant(key, request.headers.get('origin'));
  return Response.json(
    { feeds: grant.feeds, symbols: grant.symbols },
    { headers: { ...corsHeaders(grant.origin), 'Cache-Control': 'no-store' } },
  );
}

/** `OPTIONS /api/stream/subscriptions?key=`: the CORS preflight of an embed's subscriptions POST, for allowed origins only. */
export async function optionsStreamSubscriptions(platform: Platform, request: Request): Promise<Response> {
  const key = new URL(request.url).searchParams.get('key');
  if (!key) return new Response(null, { status: 403 });
  const grant = await platform.embedKeys.grant(key, request.headers.get('origin')).catch(() => null);
  if (!grant) return new Response(null, { status: 403 });
  return new Response(null, {
    status: 204,
    headers: {
      ...corsHeaders(grant.origin),
      'Access-Control-Allow-Methods': 'POST',
      'Access-Control-Allow-Headers': 'Content-Type',
      'Access-Control-Max-Age': '600',
    },
  });
}

/** `GET /api/admin/embed-keys`: every key with its grants. */
export async function getEmbedKeys(platform: Platform, request: Request): Promise<Response> {
  await readingAdminOf(platform, request);
  return Response.json({ keys: await platform.embedKeyService.list() });
}

/** `POST /api/admin/embed-keys` `{label, origins, feeds, symbols?}`: 201 with the new `pk_` key. */
export async function postEmbedKey(platform: Platform, request: Request): Promise<Response> {
  const admin = await adminOf(platform, request); // before any of the body is read
  return Response.json(await platform.embedKeyService.create(admin, await readJson(request)), { status: 201 });
}

/** `DELETE /api/admin/embed-keys/<key>`: 204; the key's open streams close within seconds. */
export async function deleteEmbedKey(platform: Platform, request: Request, key: string): Promise<Response> {
  await platform.embedKeyService.revoke(await adminOf(platform, request), key);
  return new Response(null, { status: 204 });
}
