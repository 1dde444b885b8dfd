import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

// Linux /proc readers for the server's and the load generator's cost.

const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
const PAGE_SIZE = Number(execFileSync('getconf', ['PAGESIZE']).toString().trim()) || 4096;

/** CPU seconds (user + system, all threads) and resident bytes of a set of processes at one instant. */
export interface ProcSample {
  at: number;
  pids: number[];
  cpuSeconds: number;
  rssBytes: number;
}

/** Fields of /proc/<pid>/stat after the `(comm)` field, which may itself hold spaces. */
function statFields(pid: number): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

/**
 * Every process in process group `pgid`: `next start` may run the server in a
 * child (`next-server`) whose PID is not the one spawned, but it stays in the group.
 */
export function groupPids(pgid: number): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    // After `(comm)`: state ppid pgrp ...
    if (Number(statFields(Number(entry))?.[2]) === pgid) pids.push(Number(entry));
  }
  return pids;
}

/** utime + stime and RSS summed over a process group, now. */
export function sampleGroup(pgid: number): ProcSample {
  const pids = groupPids(pgid);
  let ticks = 0;
  let pages = 0;
  for (const pid of pids) {
    const fields = statFields(pid);
    // utime, stime are fields 14 and 15 of stat; 11 and 12 after `(comm)`.
    if (fields) ticks += Number(fields[11]) + Number(fields[12]);
    try {
      pages += Number(readFileSync(`/proc/${pid}/statm`, 'latin1').split(' ')[1]);
    } catch {
      // exited between the two reads
    }
  }
  return { at: performance.now(), pids, cpuSeconds: ticks / CLOCK_TICKS, rssBytes: pages * PAGE_SIZE };
}

/** The soft open-file limit of a process, or null when unreadable. */
export function fdLimit(pid: number): number | null {
  try {
    const line = readFileSync(`/proc/${pid}/limits`, 'latin1')
      .split('\n')
      .find((l) => l.startsWith('Max open files'));
    return line ? Number(line.split(/\s{2,}/)[1]) : null;
  } catch {
    return null;
  }
}

/** The PID listening on a loopback TCP port, from `ss -ltnp`, or null. */
export function listenerPid(port: number): number | null {
  try {
    const out = execFileSync('ss', ['-Hltnp', `sport = :${port}`]).toString();
    const m = /pid=(\d+)/.exec(out);
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

/** CPU seconds the whole machine spent busy (all cores, everything but idle and iowait), from /proc/stat. */
export function machineBusySeconds(): number {
  const fields = readFileSync('/proc/stat', 'latin1').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal ...
  const total = fields.slice(0, 8).reduce((a, b) => a + b, 0);
  return (total - fields[3]! - fields[4]!) / CLOCK_TICKS;
}
