// A private PostgreSQL server for the tests and the scaled mode: Debian's
// binaries, run as the `postgres` user when we are root (initdb and pg_ctl
// refuse root), data in a folder of ours, listening on 127.0.0.1 only with
// password auth (unix sockets in that folder), stopped by us. Node built-ins
// only: scripts run this before npm ci. Types: postgres.d.mts beside it.
import { execFile, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureDebianPackages } from '../system.mjs';
import { freePort, processAlive } from './process.mjs';

const PG_ROOT = '/usr/lib/postgresql';
/** Temp instances are named so, so that a later start can sweep the ones a killed run left behind. */
const TEMP_PREFIX = 'quoteline-pg-';
const SUPERUSER = 'postgres';

/** The bin folder of the newest PostgreSQL major installed under `root` (Debian's layout: <root>/<major>/bin). */
export function postgresBinDir(root = PG_ROOT) {
  const majors = (existsSync(root) ? readdirSync(root) : [])
    .filter((name) => /^\d+$/.test(name) && existsSync(join(root, name, 'bin', 'pg_ctl')))
    .sort((a, b) => Number(b) - Number(a));
  if (majors.length === 0) throw new Error(`No PostgreSQL server found under ${root} (Debian package "postgresql")`);
  return join(root, majors[0], 'bin');
}

/** The command line that runs `command` as the postgres user when we are root (PostgreSQL refuses to run as root). */
export function asPostgresUser(command, args, uid = process.getuid?.()) {
  return uid === 0 ? ['runuser', ['-u', SUPERUSER, '--', command, ...args]] : [command, args];
}

/** A connection URL; user, password and database are percent-encoded. */
export function postgresUrl({ host, port, user, password, database }) {
  const auth =
    password === undefined ? encodeURIComponent(user) : `${encodeURIComponent(user)}:${encodeURIComponent(password)}`;
  return `postgresql://${auth}@${host}:${port}/${encodeURIComponent(database)}`;
}

/** The `postgres` options that keep the server private: loopback TCP only, sockets in our folder; unsafe-but-fast when not durable. */
export function serverOptions({ port, socketDir, durable }) {
  const options = ['-c listen_addresses=127.0.0.1', `-p ${port}`, `-c unix_socket_directories='${socketDir}'`];
  // Test databases are thrown away: skipping fsync makes migrations and orders several times faster.
  if (!durable) options.push('-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off');
  return options.join(' ');
}

function exec(command, args, options = {}) {
  return new Promise((done, fail) => {
    execFile(command, args, { encoding: 'utf8', ...options }, (error, stdout, stderr) => {
      if (error) fail(new Error(`${command} ${args.join(' ')} failed: ${(stderr || stdout || error.message).trim()}`));
      else done(stdout);
    });
  });
}

function postgresIds() {
  const id = (flag) => Number(execFileSync('id', [flag, SUPERUSER], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

/** Stops and removes temp instances whose owning process is gone (a test run killed before its teardown). */
function sweepOrphans(bin) {
  for (const name of readdirSync(tmpdir()).filter((entry) => entry.startsWith(TEMP_PREFIX))) {
    const dir = join(tmpdir(), name);
    let owner;
    try {
      owner = Number(readFileSync(join(dir, 'owner.pid'), 'utf8').trim());
    } catch {
      continue; // being set up right now by another run, or not ours
    }
    if (processAlive(owner)) continue;
    if (existsSync(join(dir, 'data', 'postmaster.pid'))) {
      const [command, args] = asPostgresUser(join(bin, 'pg_ctl'), [
        '-D',
        join(dir, 'data'),
        'stop',
        '-m',
        'immediate',
        '-w',
      ]);
      try {
        execFileSync(command, args, { stdio: 'ignore', cwd: dir });
      } catch {
        // already stopped
      }
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Starts a private PostgreSQL and creates `database`. With `dir`, the data
 * persists there (reused on the next start, its password kept in
 * `<dir>/password`); without, a temp folder is used and removed on stop.
 * `durable: false` trades crash safety for speed (tests).
 */
export async function startPostgres({
  dir,
  port,
  database = 'quoteline',
  durable = true,
  install = true,
  log = () => {},
} = {}) {
  if (install) await ensureDebianPackages(['postgresql']);
  const bin = postgresBinDir();
  if (dir !== undefined) return startIn(bin, dir, false, { port, database, durable, log });
  try {
    sweepOrphans(bin);
  } catch {
    // best effort: a half-removed folder of another run is not our problem
  }
  const base = mkdtempSync(join(tmpdir(), TEMP_PREFIX));
  try {
    return await startIn(bin, base, true, { port, database, durable, log });
  } catch (error) {
    rmSync(base, { recursive: true, force: true }); // nothing runs there: initdb or the start failed
    throw error;
  }
}

/** Initialises `base` unless it holds a cluster already, starts the server, creates the database. */
async function startIn(bin, base, temporary, { port, database, durable, log }) {
  const dataDir = join(base, 'data');
  const socketDir = join(base, 'run');
  const passwordFile = join(base, 'password');
  mkdirSync(socketDir, { recursive: true });
  if (temporary) writeFileSync(join(base, 'owner.pid'), `${process.pid}\n`);
  // The server runs as `postgres` when we are root: it must own its folders.
  const owner = process.getuid?.() === 0 ? postgresIds() : undefined;
  if (owner) for (const path of [base, socketDir]) chownSync(path, owner.uid, owner.gid);
  chmodSync(base, 0o755);
  chmodSync(socketDir, 0o700);
  const asPg = (tool, args) => {
    const [command, full] = asPostgresUser(join(bin, tool), args);
    return exec(command, full, { cwd: base });
  };
  if (owner) {
    // Every folder above `base` must let the postgres user through (a repo under /root does not).
    const [command, args] = asPostgresUser('test', ['-w', base]);
    await exec(command, args).catch(() => {
      throw new Error(
        `The postgres user cannot reach ${base}: pick a folder whose parents it may enter (e.g. under /tmp)`,
      );
    });
  }

  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    const password = randomBytes(18).toString('base64url');
    writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
    if (owner) chownSync(passwordFile, owner.uid, owner.gid);
    log(`initdb ${dataDir}`);
    await asPg('initdb', [
      '-D',
      dataDir,
      '-U',
      SUPERUSER,
      `--pwfile=${passwordFile}`,
      '-E',
      'UTF8',
      '--locale=C',
      '--auth-local=trust',
      '--auth-host=scram-sha-256',
    ]);
  }
  const password = readFileSync(passwordFile, 'utf8').trim();

  // A server left running on this folder (a killed run) is ours: stop it before starting on a new port.
  if (existsSync(join(dataDir, 'postmaster.pid')))
    await asPg('pg_ctl', ['-D', dataDir, 'stop', '-m', 'fast', '-w']).catch(() => {});
  const chosenPort = port ?? (await freePort());
  const startServer = async () => {
    log(`pg_ctl start on 127.0.0.1:${chosenPort}`);
    await asPg('pg_ctl', [
      '-D',
      dataDir,
      '-l',
      join(base, 'postgres.log'),
      '-w',
      '-t',
      '60',
      '-o',
      serverOptions({ port: chosenPort, socketDir, durable }),
      'start',
    ]).catch((error) => {
      const tail = existsSync(join(base, 'postgres.log'))
        ? readFileSync(join(base, 'postgres.log'), 'utf8').split('\n').slice(-15).join('\n')
        : '';
      throw new Error(`${error.message}\n${tail}`);
    });
  };
  await startServer();

  const stopSync = () => {
    const [command, args] = asPostgresUser(join(bin, 'pg_ctl'), ['-D', dataDir, 'stop', '-m', 'fast', '-w']);
    try {
      execFileSync(command, args, { stdio: 'ignore', cwd: base });
    } catch {
      // already stopped
    }
    if (temporary) rmSync(base, { recursive: true, force: true });
  };
  // Safety net: a process that exits without calling stop() still takes its server down.
  process.once('exit', stopSync);

  const local = ['-h', socketDir, '-p', String(chosenPort), '-U', SUPERUSER];
  const exists = async (name) =>
    (
      await asPg('psql', [
        ...local,
        '-d',
        'postgres',
        '-tAc',
        `SELECT 1 FROM pg_database WHERE datname = '${name.replace(/'/g, "''")}'`,
      ])
    ).trim() === '1';
  const createDatabase = async (name) => {
    if (!(await exists(name))) await asPg('createdb', [...local, name]);
    return postgresUrl({ host: '127.0.0.1', port: chosenPort, user: SUPERUSER, password, database: name });
  };
  const url = await createDatabase(database);

  return {
    url,
    host: '127.0.0.1',
    port: chosenPort,
    user: SUPERUSER,
    password,
    dir: base,
    /** Stops the server but keeps its data, port and password: a database outage, ended by start(). */
    async halt() {
      await asPg('pg_ctl', ['-D', dataDir, 'stop', '-m', 'fast', '-w']);
    },
    /** Starts a halted server again, on the same port. */
    start: startServer,
    /** pg_ctl stop -m fast; a temp instance's folder is removed. */
    async stop() {
      process.removeListener('exit', stopSync);
      await asPg('pg_ctl', ['-D', dataDir, 'stop', '-m', 'fast', '-w']).catch((error) =>
        log(`pg_ctl stop: ${error.message}`),
      );
      if (temporary) rmSync(base, { recursive: true, force: true });
    },
  };
}

// `npm run db:postgres [-- --dir D] [--port N]`: a private server with its data in .data/postgres, until Ctrl-C.
if (import.meta.url === `file://${process.argv[1]}`) {
  const { parseArgs } = await import('node:util');
  const { at } = await import('../lib.mjs');
  const { values } = parseArgs({
    options: { dir: { type: 'string' }, port: { type: 'string' }, database: { type: 'string' } },
  });
  const server = await startPostgres({
    dir: values.dir ?? at('.data', 'postgres'),
    port: values.port ? Number(values.port) : undefined,
    database: values.database ?? 'quoteline',
    log: (line) => console.log(`  ${line}`),
  });
  console.log(`PostgreSQL is up (Ctrl-C stops it):\nDATABASE_URL='${server.url}'`);
  const stop = async () => {
    await server.stop();
    process.exit(0);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.once(signal, stop);
  setInterval(() => {}, 1 << 30);
}
