import { handle, optionsStreamSubscriptions, postStreamSubscriptions } from '@quoteline/platform';
import { platform } from '@/server/platform';

export const dynamic = 'force-dynamic';

/** Adds or removes topics of an open stream; the new topics' snapshots arrive on that stream. `?key=` for embeds. */
export function POST(request: Request): Promise<Response> {
  return handle(async () => postStreamSubscriptions(await platform(), request));
}

/** CORS preflight for embeds on other origins. */
export function OPTIONS(request: Request): Promise<Response> {
  return handle(async () => optionsStreamSubscriptions(await platform(), request));
}
