import { deleteSession, getSession, handle, postSession } from '@quoteline/platform';
import { platform } from '@/server/platform';

export const dynamic = 'force-dynamic';

/** Who is signed in. */
export function GET(request: Request): Promise<Response> {
  return handle(async () => getSession(await platform(), request));
}

/** Sign in with `{"email","password"}`; sets the httpOnly session cookie. */
export function POST(request: Request): Promise<Response> {
  return handle(async () => postSession(await platform(), request));
}

/** Sign out. */
export function DELETE(request: Request): Promise<Response> {
  return handle(async () => deleteSession(await platform(), request));
}
