import { corsHeaders } from '../embed/embedKeys';
import type { Platform } from '../platform';
import { principalOf } from '../sessions/sessionRoutes';

/**
 * `GET /api/instruments?q=<text>&limit=N[&key=]`: instruments of every feed the caller may read whose symbol or
 * a word of whose name starts with the text, best match first, with their live last price.
 */
export async function getInstrumentSearch(platform: Platform, request: Request): Promise<Response> {
  const principal = await principalOf(platform, request);
  const search = new URL(request.url).searchParams;
  const key = search.get('key');
  const { result, grant } = await platform.instrumentSearch.search(
    { q: search.get('q') ?? undefined, limit: search.get('limit') ?? undefined },
    principal,
    key ? { key, origin: request.headers.get('origin') } : null,
  );
  return Response.json(result, {
    headers: { 'Cache-Control': 'no-store', ...(grant ? corsHeaders(grant.origin) : {}) },
  });
}
