import { corsHeaders } from '../embed/embedKeys';
import type { Platform } from '../platform';

/** `GET /api/instruments/<symbol>/candles?interval=1m|5m|1h&limit=N[&key=]`: OHLC candles, oldest first, the last one still in progress. */
export async function getCandles(platform: Platform, request: Request, symbol: string): Promise<Response> {
  const search = new URL(request.url).searchParams;
  const key = search.get('key');
  const query = { interval: search.get('interval') ?? undefined, limit: search.get('limit') ?? undefined };
  const { candles, grant } = await platform.candles.history(
    symbol,
    query,
    key ? { key, origin: request.headers.get('origin') } : null,
  );
  return Response.json(candles, {
    headers: { 'Cache-Control': 'no-store', ...(grant ? corsHeaders(grant.origin) : {}) },
  });
}
