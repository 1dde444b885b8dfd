// A self-signed certificate for localhost (openssl), made once per folder.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { run } from '../lib.mjs';

/** Creates `dir/localhost.crt` and `.key` when missing; returns their paths. */
export async function ensureLocalhostCertificate(dir) {
  mkdirSync(dir, { recursive: true });
  const cert = join(dir, 'localhost.crt');
  const key = join(dir, 'localhost.key');
  if (!existsSync(cert) || !existsSync(key)) {
    await run('openssl', [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-sha256',
      '-days',
      '365',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=DNS:localhost,IP:127.0.0.1',
      '-keyout',
      key,
      '-out',
      cert,
    ]);
  }
  return { cert, key };
}
