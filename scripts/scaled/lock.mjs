// One scaled shape per data folder: its PostgreSQL cluster, Redis files, nginx
// config and pid belong to one run. A lock file holding the run's pid says so.
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { processAlive } from '../servers/process.mjs';

const LOCK = 'shape.lock';

/** The live run holding `dir` ({ pid, url, started }), or null when none does (no lock, or its run is gone). */
export function folderHolder(dir) {
  let holder;
  try {
    holder = JSON.parse(readFileSync(join(dir, LOCK), 'utf8'));
  } catch {
    return null;
  }
  return Number.isInteger(holder?.pid) && processAlive(holder.pid) ? holder : null;
}

/** Refused because another run holds the folder; `holder` says which. */
export class FolderLockedError extends Error {
  constructor(dir, holder) {
    super(
      `${dir} is in use by another scaled shape (pid ${holder.pid}${holder.url ? `, ${holder.url}` : ''}, since ${holder.started})`,
    );
    this.name = 'FolderLockedError';
    this.holder = holder;
  }
}

/**
 * Takes `dir` for this process (creating it), or throws FolderLockedError while
 * a live run holds it; a lock left by a run that died is taken over. `url` is
 * written for the message another run would show. Returns release().
 */
export function lockFolder(dir, { url } = {}) {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, LOCK);
  for (let attempt = 0; ; attempt++) {
    let fd;
    try {
      fd = openSync(file, 'wx');
    } catch (error) {
      if (error.code !== 'EEXIST' || attempt > 0) throw error;
      const holder = folderHolder(dir);
      if (holder) throw new FolderLockedError(dir, holder);
      rmSync(file, { force: true }); // its run is gone
      continue;
    }
    writeSync(fd, JSON.stringify({ pid: process.pid, url, started: new Date().toISOString() }) + '\n');
    closeSync(fd);
    break;
  }
  const release = () => {
    try {
      if (JSON.parse(readFileSync(file, 'utf8')).pid === process.pid) rmSync(file, { force: true });
    } catch {
      // already gone
    }
  };
  process.once('exit', release);
  return () => {
    process.removeListener('exit', release);
    release();
  };
}
