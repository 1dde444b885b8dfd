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
import { ensureLocalhostCertificate } from '../servers/tls.mjs';

/** The Debian packages the scaled shape runs on. */
export const SCALED_PACKAGES = ['nginx', 'redis-server', 'postgresql'];

const quietProgress = () => undefined;

/**
 * Starts everything; `progress(step, total, title)` reports each step. Ports:
 * `listen` for nginx, `appPorts` (default 3101..310N) for the instances, `redisPort`, `postgresPort`.
 * Returns the handles and `stop()` (everything, in reverse order).
 */
export async function startScaledShape({
  instances = 3,
  dataDir,
  listen = 8443,
  appPorts,
  redisPort = 6390,
  postgresPort = 5440,
  env = {},
  limits = {},
  progress = quietProgress,
}) {
  const started = [];
  const total = 7;
  const stop = async () => {
    for (const s of started.reverse()) await s.stop().catch(() => undefined);
  };
  try {
    progress(1, total, `System packages (${SCALED_PACKAGES.join(', ')})`);
    await ensureDebianPackages(SCALED_PACKAGES);

    progress(2, total, `PostgreSQL on 127.0.0.1:${postgresPort}`);
    const postgres = await startPostgres({ dir: join(dataDir, 'postgres'), port: postgresPort, install: false }); // step 1 installed it
    started.push(postgres);

    progress(3, total, 'Database (apply migrations, seed)');
    await migrateAndSeed({ ...QUIET_ENV, DATABASE_URL: postgres.url });

    progress(4, total, `Redis on 127.0.0.1:${redisPort}`);
    const redis = await startRedis({ port: redisPort, dir: join(dataDir, 'redis') });
    started.push(redis);

    progress(5, total, 'TLS certificate for localhost (openssl, self-signed)');
    const tls = await ensureLocalhostCertificate(join(dataDir, 'tls'));

    progress(6, total, `${appPorts?.length ?? instances} app instances`);
    const ports = appPorts ?? Array.from({ length: instances }, (_, i) => 3101 + i);
    const apps = await Promise.all(
      ports.map((port, i) =>
        startAppInstance({ name: `app-${i + 1}`, port, logFile: join(dataDir, 'logs', `app-${i + 1}.log`), env: { DATABASE_URL: postgres.url, REDIS_URL: redis.url, ...env } }),
      ),
    );
    started.push(...apps);

    progress(7, total, `nginx on https://localhost:${listen}`);
    const prefix = join(dataDir, 'nginx');
    mkdirSync(prefix, { recursive: true });
    const nginx = await startNginx({ prefix, listen, ...tls, upstreamPorts: apps.map((a) => a.port), limits });
    started.push(nginx);

    return { url: nginx.url, postgres, redis, apps, nginx, tls, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
