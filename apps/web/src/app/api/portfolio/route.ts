import { getPortfolio, handle } from '@quoteline/platform';
import { platform } from '@/server/platform';

export const dynamic = 'force-dynamic';

/** The signed-in account's cash and positions. */
export function GET(request: Request): Promise<Response> {
  return handle(async () => getPortfolio(await platform(), request));
}
