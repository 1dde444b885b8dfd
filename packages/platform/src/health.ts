import type { HealthResponse } from '@quoteline/protocol';
import type { Platform } from './platform';

/** `GET /api/health`: checks the database with a real query and reports the bus and stream counts. */
export async function health(platform: Platform): Promise<HealthResponse> {
  let db: HealthResponse['db'] = 'ok';
  try {
    await platform.db.$queryRaw`SELECT 1`;
  } catch {
    db = 'error';
  }
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
