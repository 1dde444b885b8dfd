import { handle, postTestClock } from '@quoteline/platform';
import { platform } from '@/server/platform';

export const dynamic = 'force-dynamic';

/** Test hook (QUOTELINE_TEST_HOOKS=1 only): moves the market's clock to `{"now": ms}`; it runs on from there. */
export function POST(request: Request): Promise<Response> {
  return handle(async () => postTestClock(await platform(), request));
}
