import { handle, postTestStreamsDrop } from '@quoteline/platform';
import { platform } from '@/server/platform';

export const dynamic = 'force-dynamic';

/** Test hook (QUOTELINE_TEST_HOOKS=1 only): the server drops every open stream, as a crash or deploy would. */
export function POST(): Promise<Response> {
  return handle(async () => postTestStreamsDrop(await platform()));
}
