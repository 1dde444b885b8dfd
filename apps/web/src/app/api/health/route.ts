import { handle, health } from '@quoteline/platform';
import { platform } from '@/server/platform';

export const dynamic = 'force-dynamic';

export function GET(): Promise<Response> {
  return handle(async () => Response.json(await health(await platform()), { headers: { 'Cache-Control': 'no-store' } }));
}
