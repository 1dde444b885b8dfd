import { getInstrumentSearch, handle } from '@quoteline/platform';
import { platform } from '@/server/platform';

export const dynamic = 'force-dynamic';

/** Instruments whose symbol or name starts with `q`, across every feed the caller may read. */
export function GET(request: Request): Promise<Response> {
  return handle(async () => getInstrumentSearch(await platform(), request));
}
