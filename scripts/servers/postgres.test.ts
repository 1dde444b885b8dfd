import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { asPostgresUser, postgresBinDir, postgresUrl, serverOptions } from './postgres.mjs';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('private PostgreSQL helpers', () => {
  it('runs the server binaries as the postgres user only when we are root (PostgreSQL refuses root)', () => {
    expect(asPostgresUser('/usr/lib/postgresql/15/bin/initdb', ['-D', '/d'], 0)).toEqual([
      'runuser',
      ['-u', 'postgres', '--', '/usr/lib/postgresql/15/bin/initdb', '-D', '/d'],
    ]);
    expect(asPostgresUser('/usr/lib/postgresql/15/bin/initdb', ['-D', '/d'], 1000)).toEqual([
      '/usr/lib/postgresql/15/bin/initdb',
      ['-D', '/d'],
    ]);
  });

  it('finds the newest installed major version that has pg_ctl', () => {
    const root = mkdtempSync(join(tmpdir(), 'quoteline-pgbin-'));
    dirs.push(root);
    for (const major of ['9', '15', '16', 'common']) {
      mkdirSync(join(root, major, 'bin'), { recursive: true });
      if (major !== '16') writeFileSync(join(root, major, 'bin', 'pg_ctl'), '');
    }
    expect(postgresBinDir(root)).toBe(join(root, '15', 'bin'));
    expect(() => postgresBinDir(join(root, 'missing'))).toThrow(/No PostgreSQL server found/);
  });

  it('listens on loopback only, with sockets in our folder, and skips fsync only when not durable', () => {
    const durable = serverOptions({ port: 5433, socketDir: '/tmp/x/run', durable: true });
    expect(durable).toContain('listen_addresses=127.0.0.1');
    expect(durable).toContain('-p 5433');
    expect(durable).toContain("unix_socket_directories='/tmp/x/run'");
    expect(durable).not.toContain('fsync');
    expect(serverOptions({ port: 5433, socketDir: '/tmp/x/run', durable: false })).toContain('fsync=off');
  });

  it('builds URLs with encoded credentials', () => {
    expect(postgresUrl({ host: '127.0.0.1', port: 5433, user: 'postgres', password: 'a/b@c', database: 'q' })).toBe(
      'postgresql://postgres:a%2Fb%40c@127.0.0.1:5433/q',
    );
  });
});
