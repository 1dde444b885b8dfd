import { changeSubscriptions, corsHeaders, handle, optionsStreamSubscriptions, principalOf, readJson } from '@quoteline/platform';
import { platform } from '@/server/platform';

export const dynamic = 'force-dynamic';

/** Adds or removes topics of an open stream; the new topics' snapshots arrive on that stream. `?key=` for embeds. */
export function POST(request: Request): Promise<Response> {
  return handle(async () => {
    // No Origin check for our own pages: the connection's token is the proof. Embeds name their key, which must allow the Origin.
    const p = await platform();
    const key = new URL(request.url).searchParams.get('key');
    const origin = request.headers.get('origin');
    const body = await changeSubscriptions(p, await readJson(request), await principalOf(p, request), key ? { key, origin } : undefined);
    return Response.json(body, { headers: key && origin ? corsHeaders(origin) : undefined });
  });
}

/** CORS preflight for embeds on other origins. */
export function OPTIONS(request: Request): Promise<Response> {
  return handle(async () => optionsStreamSubscriptions(await platform(), request));
}
