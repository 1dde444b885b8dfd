import type { HealthResponse, ReadinessResponse } from '@quoteline/protocol';
import { RETRY_AFTER_SECONDS } from './http/outage';
import type { Platform } from './platform';

/** How long a health check waits for the database: an unreachable server may not refuse, just not answer. */
const DB_CHECK_TIMEOUT_MS = 2_000;

/** Whether the database answers a real query within the check's bound. */
async function databaseAnswers(platform: Platform): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), DB_CHECK_TIMEOUT_MS)));
  const query = platform.db.$queryRaw`SELECT 1`.then(
    () => true,
    () => false,
  );
  try {
    return await Promise.race([query, late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * `GET /api/health`, liveness: the process is up (always 200). It also reports the database, the bus and stream
 * counts for people; a load balancer decides on readiness instead.
 */
export async function health(platform: Platform): Promise<HealthResponse> {
  const db: HealthResponse['db'] = (await databaseAnswers(platform)) ? 'ok' : 'error';
  const { connections, opened, delivered, bytes, conflated, maxPendingBytes, closed } = platform.hub.stats();
  return {
    status: 'ok',
    instance: platform.config.instance,
    db,
    bus: platform.busHealthy() ? 'ok' : 'error',
    connections,
    epoch: platform.log.epoch,
    head: platform.hub.head,
    producer: platform.role.active,
    stream: { opened, delivered, bytes, conflated, maxPendingBytes, closed },
  };
}

/** Readiness: whether this instance can serve requests now (its database answers and, when scaled, Redis is connected). */
export async function readiness(platform: Platform): Promise<ReadinessResponse> {
  const db = (await databaseAnswers(platform)) ? 'ok' : 'error';
  const bus = platform.busHealthy() ? 'ok' : 'error';
  return { status: db === 'ok' && bus === 'ok' ? 'ready' : 'unavailable', instance: platform.config.instance, db, bus };
}

/** `GET /api/health/ready`: 200 when ready, else 503 with Retry-After, so a load balancer can route around this instance. */
export async function readinessResponse(platform: Platform): Promise<Response> {
  const body = await readiness(platform);
  const ready = body.status === 'ready';
  return Response.json(body, { status: ready ? 200 : 503, headers: { 'Cache-Control': 'no-store', ...(ready ? {} : { 'Retry-After': String(RETRY_AFTER_SECONDS) }) } });
}
