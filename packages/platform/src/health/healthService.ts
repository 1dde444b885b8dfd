import type { Db } from '@quoteline/db';
import type { HealthResponse, ReadinessResponse } from '@quoteline/protocol';
import type { EventLog, StreamHub } from '@quoteline/stream';
import type { ProducerRole } from '../scaled/producerRole';

/** How long a health check waits for the database: an unreachable server may not refuse, just not answer. */
const DB_CHECK_TIMEOUT_MS = 2_000;

/** What the health checks look at. */
export interface HealthServiceDeps {
  instance: string;
  db: Pick<Db, '$queryRaw'>;
  hub: Pick<StreamHub, 'stats' | 'head'>;
  log: Pick<EventLog, 'epoch'>;
  role: Pick<ProducerRole, 'active'>;
  /** False while the shared bus (Redis, when scaled) is unreachable. */
  busHealthy(): boolean;
}

/** Liveness and readiness of this instance: what people and load balancers ask. */
export class HealthService {
  constructor(private readonly deps: HealthServiceDeps) {}

  /**
   * Liveness: the process is up. It also reports the database, the bus and
   * stream counts for people; a load balancer decides on readiness instead.
   */
  async health(): Promise<HealthResponse> {
    const { instance, hub, log, role } = this.deps;
    const db: HealthResponse['db'] = (await this.databaseAnswers()) ? 'ok' : 'error';
    const { connections, opened, delivered, bytes, conflated, maxPendingBytes, closed } = hub.stats();
    return {
      status: 'ok',
      instance,
      db,
      bus: this.deps.busHealthy() ? 'ok' : 'error',
      connections,
      epoch: log.epoch,
      head: hub.head,
      producer: role.active,
      stream: { opened, delivered, bytes, conflated, maxPendingBytes, closed },
    };
  }

  /** Readiness: whether this instance can serve requests now (its database answers and, when scaled, Redis is connected). */
  async readiness(): Promise<ReadinessResponse> {
    const db = (await this.databaseAnswers()) ? 'ok' : 'error';
    const bus = this.deps.busHealthy() ? 'ok' : 'error';
    return { status: db === 'ok' && bus === 'ok' ? 'ready' : 'unavailable', instance: this.deps.instance, db, bus };
  }

  /** Whether the database answers a real query within the check's bound. */
  private async databaseAnswers(): Promise<boolean> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), DB_CHECK_TIMEOUT_MS)));
    const query = this.deps.db.$queryRaw`SELECT 1`.then(
      () => true,
      () => false,
    );
    try {
      return await Promise.race([query, late]);
    } finally {
      clearTimeout(timer);
    }
  }
}
