import { RETRY_AFTER_SECONDS } from '../http/outage';
import type { Platform } from '../platform';

/** `GET /api/health`, liveness: always 200 while the process runs, with the database, bus and stream counts. */
export async function getHealth(platform: Platform): Promise<Response> {
  return Response.json(await platform.health.health(), { headers: { 'Cache-Control': 'no-store' } });
}

/** `GET /api/health/ready`: 200 when ready, else 503 with Retry-After, so a load balancer can route around this instance. */
export async function getHealthReady(platform: Platform): Promise<Response> {
  const body = await platform.health.readiness();
  const ready = body.status === 'ready';
  return Response.json(body, {
    status: ready ? 200 : 503,
    headers: { 'Cache-Control': 'no-store', ...(ready ? {} : { 'Retry-After': String(RETRY_AFTER_SECONDS) }) },
  });
}
