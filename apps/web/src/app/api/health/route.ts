import { getHealth, handle } from '@quoteline/platform';
import { platform } from '@/server/platform';

export const dynamic = 'force-dynamic';

/** Liveness: 200 while the process runs, with the database, bus and stream counts. */
export function GET(): Promise<Response> {
  return handle(async () => getHealth(await platform()));
}
