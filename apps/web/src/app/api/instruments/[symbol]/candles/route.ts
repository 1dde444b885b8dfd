import { getCandles, handle } from '@quoteline/platform';
import { platform } from '@/server/platform';

export const dynamic = 'force-dynamic';

/** OHLC candles of one instrument, oldest first, the last one still in progress. */
export function GET(request: Request, { params }: { params: Promise<{ symbol: string }> }): Promise<Response> {
  return handle(async () => getCandles(await platform(), request, (await params).symbol));
}
