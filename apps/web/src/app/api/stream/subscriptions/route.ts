import { changeSubscriptions, handle, readJson } from '@quoteline/platform';
import { platform } from '../../../../server/platform';

export const dynamic = 'force-dynamic';

/** Adds or removes topics of an open stream; the new topics' snapshots arrive on that stream. */
export function POST(request: Request): Promise<Response> {
  return handle(async () => Response.json(await changeSubscriptions(await platform(), await readJson(request), null)));
}
