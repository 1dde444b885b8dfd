import { getHealthReady, handle } from '@quoteline/platform';
import { platform } from '@/server/platform';

export const dynamic = 'force-dynamic';

/** Readiness for load balancers: 200 when this instance can serve, 503 while its database (or, scaled, Redis) is down. */
export function GET(): Promise<Response> {
  return handle(async () => getHealthReady(await platform()));
}
