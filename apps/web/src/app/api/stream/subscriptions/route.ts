import { changeSubscriptions, handle, principalOf, readJson } from '@quoteline/platform';
import { platform } from '../../../../server/platform';

export const dynamic = 'force-dynamic';

/** Adds or removes topics of an open stream; the new topics' snapshots arrive on that stream. */
export function POST(request: Request): Promise<Response> {
  return handle(async () => {
    // No Origin check: the connection's token is the proof, and embeds post from other origins.
    const p = await platform();
    return Response.json(await changeSubscriptions(p, await readJson(request), await principalOf(p, request)));
  });
}
