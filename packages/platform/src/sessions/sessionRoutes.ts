import { invalid, sessionRequestSchema } from '@quoteline/protocol';
import { clearedSessionCookie, readCookie, SESSION_COOKIE, sessionCookie } from './cookies';
import type { Principal } from './principal';
import { assertSameOrigin } from '../http/sameOrigin';
import { readJson } from '../http/readBody';
import type { HeaderSource } from '../network/peerAddress';
import type { Platform } from '../platform';

/** The principal of a request's session cookie, or null when signed out; every route that needs one asks here. */
export function principalOf(platform: Platform, request: HeaderSource): Promise<Principal> {
  return platform.sessions.resolve(readCookie(request.headers.get('cookie'), SESSION_COOKIE));
}

/** `POST /api/session`: checks credentials, sets the session cookie, answers who signed in. */
export async function postSession(platform: Platform, request: Request): Promise<Response> {
  assertSameOrigin(platform, request);
  const parsed = sessionRequestSchema.safeParse(await readJson(request));
  if (!parsed.success) throw invalid('invalid_body', 'Send {"email","password"}.', parsed.error.issues);
  const { token, expires, principal } = await platform.sessions.signIn(
    parsed.data.email,
    parsed.data.password,
    platform.proxies.clientAddress(request),
  );
  return Response.json(
    { user: { email: principal.email, role: principal.role, accountId: principal.accountId } },
    {
      status: 200,
      headers: {
        'Set-Cookie': sessionCookie(token, expires, platform.proxies.isSecure(request)),
        'Cache-Control': 'no-store',
      },
    },
  );
}

/** `DELETE /api/session`: ends the session; its open streams (on any instance) stop receiving private (account and admin) events at once. */
export async function deleteSession(platform: Platform, request: Request): Promise<Response> {
  assertSameOrigin(platform, request);
  await platform.sessions.signOut(readCookie(request.headers.get('cookie'), SESSION_COOKIE));
  return new Response(null, {
    status: 204,
    headers: { 'Set-Cookie': clearedSessionCookie(platform.proxies.isSecure(request)) },
  });
}

/** `GET /api/session`: who is signed in (null when nobody). */
export async function getSession(platform: Platform, request: Request): Promise<Response> {
  const principal = await principalOf(platform, request);
  const user = principal && { email: principal.email, role: principal.role, accountId: principal.accountId };
  return Response.json({ user }, { headers: { 'Cache-Control': 'no-store' } });
}
