import { QuotelineError } from '@quoteline/protocol';
import { handle } from '@quoteline/platform';
import { platform } from '@/server/platform';

export const dynamic = 'force-dynamic';

/** Test hook (QUOTELINE_TEST_HOOKS=1 only): the server drops every open stream, as a crash or deploy would. */
export function POST(): Promise<Response> {
  return handle(async () => {
    const p = await platform();
    if (!p.config.testHooks) throw new QuotelineError('not_found', 'Not found.');
    return Response.json({ dropped: p.hub.dropAll('dropped') });
  });
}
