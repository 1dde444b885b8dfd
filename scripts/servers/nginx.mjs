// nginx as a plain process with the project's config (nginx/quoteline.conf.template).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { at, run } from '../lib.mjs';
import { startProcess, waitForPort } from './process.mjs';

/** Defaults for the per-client limits; tests may raise them. */
export const NGINX_LIMITS = { streamsPerClient: 32, orderRate: '20r/s', signinRate: '10r/m' };

/**
 * How nginx judges an instance, passively (open-source nginx has no active health checks): an instance is
 * skipped for 2 s after 3 failed attempts (refused, reset or timed out) within 2 s, so one broken
 * connection never ejects a healthy instance, a dead one costs a few retried connects per 2 s, and a
 * returned one takes requests again at most 2 s after it is up.
 */
export const UPSTREAM_SERVER_PARAMS = 'max_fails=3 fail_timeout=2s';

/** Renders the template for `upstreamPorts`, with every path inside `prefix`. */
export function renderNginxConfig({ prefix, listen, serverName = 'localhost', cert, key, upstreamPorts, limits = {} }) {
  const l = { ...NGINX_LIMITS, ...limits };
  const values = {
    PREFIX: prefix,
    LISTEN: String(listen),
    SERVER_NAME: serverName,
    CERT: cert,
    KEY: key,
    UPSTREAMS: upstreamPorts.map((p) => `    server 127.0.0.1:${p} ${UPSTREAM_SERVER_PARAMS};`).join('\n'),
    STREAMS_PER_CLIENT: String(l.streamsPerClient),
    ORDER_RATE: l.orderRate,
    SIGNIN_RATE: l.signinRate,
  };
  const template = readFileSync(at('nginx', 'quoteline.conf.template'), 'utf8');
  return template.replace(/\{\{([A-Z_]+)\}\}/g, (_, name) => {
    if (!(name in values)) throw new Error(`nginx template names an unknown value {{${name}}}`);
    return values[name];
  });
}

/** Writes the rendered config into `prefix` (creating its temp folders); returns its path. */
export function writeNginxConfig(options) {
  const { prefix } = options;
  for (const d of ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) mkdirSync(join(prefix, d), { recursive: true });
  const file = join(prefix, 'nginx.conf');
  writeFileSync(file, renderNginxConfig(options));
  return file;
}

/** `nginx -t` on a config file: resolves when valid, rejects with nginx's message. */
export function checkNginxConfig(file, prefix) {
  return run('nginx', ['-t', '-q', '-p', prefix, '-c', file]);
}

/** Starts nginx in the foreground of its own process group; resolves once it listens. */
export async function startNginx(options) {
  const file = writeNginxConfig(options);
  await checkNginxConfig(file, options.prefix);
  const server = startProcess('nginx', ['-p', options.prefix, '-c', file], { name: 'nginx' });
  await Promise.race([
    waitForPort(options.listen, { what: 'nginx' }),
    server.exited.then(() => {
      throw new Error(
        `nginx exited at start:\n${server.output()}\n${readFileSync(join(options.prefix, 'error.log'), 'utf8').slice(-2000)}`,
      );
    }),
  ]);
  return {
    url: `https://localhost:${options.listen}`,
    file,
    /** The master process (its workers are its children). */
    pid: server.child.pid,
    /**
     * Rewrites the config for another upstream list (an instance added or removed) and reloads as `nginx -s reload`
     * does: new workers take new connections at once, the old ones drain (worker_shutdown_timeout).
     */
    async reload({ upstreamPorts }) {
      const again = writeNginxConfig({ ...options, upstreamPorts });
      await checkNginxConfig(again, options.prefix);
      await run('nginx', ['-p', options.prefix, '-c', again, '-s', 'reload']);
    },
    stop: () => server.stop(),
    kill: () => server.kill(),
  };
}
