import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkNginxConfig, renderNginxConfig, writeNginxConfig } from '../../scripts/servers/nginx.mjs';
import { ensureLocalhostCertificate } from '../../scripts/servers/tls.mjs';

const prefix = mkdtempSync(join(tmpdir(), 'quoteline-nginx-'));
afterAll(() => rmSync(prefix, { recursive: true, force: true }));

describe('nginx config (nginx/quoteline.conf.template)', () => {
  it('passes `nginx -t` with a local certificate and three upstreams', async () => {
    const tls = await ensureLocalhostCertificate(join(prefix, 'tls'));
    const file = writeNginxConfig({ prefix, listen: 18443, ...tls, upstreamPorts: [3101, 3102, 3103] });
    await expect(checkNginxConfig(file, prefix)).resolves.toBeDefined();
  });

  it('serves HTTP/2 over TLS, balances by least connections and leaves the stream unbuffered', () => {
    const text = renderNginxConfig({ prefix, listen: 8443, cert: 'c', key: 'k', upstreamPorts: [1, 2] });
    expect(text).toMatch(/listen 8443 ssl http2;/);
    expect(text).toMatch(/upstream quoteline \{\s+zone \w+ \d+k;\s+least_conn;\s+server 127\.0\.0\.1:1 [^;]*;\s+server 127\.0\.0\.1:2 /);
    const stream = /location = \/api\/stream \{([^}]*)\}/.exec(text)?.[1] ?? '';
    expect(stream).toMatch(/proxy_buffering off;/);
    expect(stream).toMatch(/proxy_read_timeout 1h;/);
    expect(stream).toMatch(/limit_conn streams \d+;/);
    expect(text).toMatch(/proxy_http_version 1\.1;/);
    expect(text).toMatch(/limit_req_status 429;/);
    expect(text).not.toMatch(/\{\{/);
  });

  it('judges instances passively without ejecting one on a single failure, and retries only what nginx may resend', () => {
    const text = renderNginxConfig({ prefix, listen: 8443, cert: 'c', key: 'k', upstreamPorts: [1, 2] });
    // Shared by the workers: one view of failures and connection counts.
    expect(/upstream quoteline \{([^}]*)\}/.exec(text)?.[1]).toMatch(/^\s*zone \w+ \d+k;/m);
    for (const server of text.match(/^\s*server 127\.0\.0\.1:\d+[^;]*;/gm) ?? []) {
      const maxFails = Number(/max_fails=(\d+)/.exec(server)?.[1] ?? 1);
      expect(maxFails, server).toBeGreaterThan(1);
      expect(server).toMatch(/fail_timeout=\d+s/);
    }
    const next = /proxy_next_upstream ([^;]*);/.exec(text)?.[1] ?? '';
    expect(next.split(/\s+/).sort()).toEqual(['error', 'timeout']);
    expect(text).not.toMatch(/non_idempotent/);
  });
});
