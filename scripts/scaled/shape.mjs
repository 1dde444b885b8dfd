// The scaled shape on one machine: private PostgreSQL and Redis, N app
// instances sharing them, nginx with HTTP/2 + TLS in front. Used by
// `npm run start:scaled` and by the multi-instance tests.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { migrateAndSeed, QUIET_ENV } from '../lib.mjs';
import { ensureDebianPackages } from '../system.mjs';
import { startAppInstance } from '../servers/app.mjs';
import { startNginx } from '../servers/nginx.mjs';
import { startPostgres } from '../servers/postgres.mjs';
import { startRedis } from '../servers/redis.mjs';
import { ensurePortFree, freePorts } from '../servers/process.mjs';
import { ensureLocalhostCertificate } from '../servers/tls.mjs';
import { lockFolder } from './lock.mjs';

/** The Debian packages the scaled shape runs on. */
export const SCALED_PACKAGES = ['nginx', 'redis-server', 'postgresql'];

const quietProgress = () => undefined;

/**
 * The name of instance `n` of the shape listening on `listen`: unique among the
 * shapes running at once (they cannot share nginx's port), so a health answer
 * under this name comes from this run's instance and no other.
 */
export const instanceName = (n, listen) => `app-${n}@${listen}`;

/**
 * What an instance behind this shape's nginx is told about it: nginx (on
 * loopback) is the proxy whose X-Forwarded-For it may trust, and pages come
 * from nginx's origin, or from the instance's own address when used directly.
 */
export const proxyEnv = (listen, port) => ({
  TRUSTED_PROXIES: '127.0.0.1',
  PUBLIC_ORIGIN: `https://localhost:${listen},http://127.0.0.1:${port}`,
});

/**
 * Starts everything; `progress(step, total, title)` reports each step. `dataDir`
 * belongs to this run until stop() (a second run on it is refused with
 * FolderLockedError). Ports: `listen` for nginx; `appPorts` for the instances,
 * `redisPort`, `postgresPort`, each a free one when not given (a given one must be free).
 * Returns the handles, `restartApp(app)` and `stop()` (everything, in reverse order).
 * @param {{ instances?: number, dataDir: string, listen?: number, appPorts?: number[], redisPort?: number, postgresPort?: number,
 *   env?: Record<string, string>, limits?: Record<string, string | number>, progress?: (step: number, total: number, title: string) => void }} options
 */
export async function startScaledShape({
  instances = 3,
  dataDir,
  listen = 8443,
  appPorts,
  redisPort,
  postgresPort,
  env = {},
  limits = {},
  progress = quietProgress,
}) {
  const release = lockFolder(dataDir, { url: `https://localhost:${listen}` });
  const started = [];
  const total = 7;
  const stop = async () => {
    for (const s of started.reverse()) await s.stop().catch(() => undefined);
    release();
  };
  try {
    await ensurePortFree(listen, 'nginx');
    const free = await freePorts(2 + (appPorts ? 0 : instances));
    const ports = { postgres: postgresPort ?? free[0], redis: redisPort ?? free[1], apps: appPorts ?? free.slice(2) };

    progress(1, total, `System packages (${SCALED_PACKAGES.join(', ')})`);
    await ensureDebianPackages(SCALED_PACKAGES);

    progress(2, total, `PostgreSQL on 127.0.0.1:${ports.postgres}`);
    await ensurePortFree(ports.postgres, 'PostgreSQL');
    const postgres = await startPostgres({ dir: join(dataDir, 'postgres'), port: ports.postgres, install: false }); // step 1 installed it
    started.push(postgres);

    progress(3, total, 'Database (apply migrations, seed)');
    await migrateAndSeed({ ...QUIET_ENV, DATABASE_URL: postgres.url });

    progress(4, total, `Redis on 127.0.0.1:${ports.redis}`);
    await ensurePortFree(ports.redis, 'Redis');
    const redis = await startRedis({ port: ports.redis, dir: join(dataDir, 'redis') });
    started.push(redis);

    progress(5, total, 'TLS certificate for localhost (openssl, self-signed)');
    const tls = await ensureLocalhostCertificate(join(dataDir, 'tls'));

    progress(6, total, `${ports.apps.length} app instances`);
    const startApp = (i) =>
      startAppInstance({
        name: instanceName(i + 1, listen),
        port: ports.apps[i],
        logFile: join(dataDir, 'logs', `app-${i + 1}.log`),
        env: { DATABASE_URL: postgres.url, REDIS_URL: redis.url, ...proxyEnv(listen, ports.apps[i]), ...env },
      });
    // Every start is awaited, failed or not, so that stop() also stops the instances that did come up.
    const results = await Promise.allSettled(ports.apps.map((_, i) => startApp(i)));
    const apps = results.filter((r) => r.status === 'fulfilled').map((r) => r.value);
    started.push(...apps);
    const failed = results.find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;

    progress(7, total, `nginx on https://localhost:${listen}`);
    const prefix = join(dataDir, 'nginx');
    mkdirSync(prefix, { recursive: true });
    const nginx = await startNginx({ prefix, listen, ...tls, upstreamPorts: apps.map((a) => a.port), limits });
    started.push(nginx);

    /** Starts a stopped or killed instance again: same name, port and settings (stop() stops it too). */
    const restartApp = async (app) => {
      const i = ports.apps.indexOf(app.port);
      if (i < 0) throw new Error(`${app.name} is not an instance of this shape`);
      const again = await startApp(i);
      started.push(again);
      return again;
    };

    return { url: nginx.url, dataDir, postgres, redis, apps, nginx, tls, restartApp, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
