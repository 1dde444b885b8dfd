import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../../tests/support/appServer';

/** Wanted open-file limit; containers without CAP_SYS_RESOURCE cap it at their hard limit. */
export const WANTED_FD_LIMIT = 65536;

/** Process groups this run started and has not yet seen exit; killed on any way out. */
const liveGroups = new Set<number>();

/**
 * Starts a TypeScript entry (through tsx's loader) in its own process group,
 * with the open-file limit raised first by bash: one socket per stream needs
 * one fd, and Node cannot raise a limit itself.
 */
export function spawnTsEntry(
  file: string,
  args: string[],
  options: { env: NodeJS.ProcessEnv; ipc?: boolean },
): ChildProcess {
  const script = `ulimit -n ${WANTED_FD_LIMIT} 2>/dev/null || ulimit -n "$(ulimit -Hn)"; exec "$@"`;
  const stdio: StdioOptions = options.ipc ? ['ignore', 'inherit', 'inherit', 'ipc'] : ['ignore', 'inherit', 'inherit'];
  const child = spawn('bash', ['-c', script, 'bench', process.execPath, '--import', 'tsx', join(ROOT, file), ...args], {
    cwd: ROOT,
    env: options.env,
    detached: true,
    stdio,
  });
  trackGroup(child);
  return child;
}

/** Remembers a detached child's process group until it exits. */
export function trackGroup(child: ChildProcess): void {
  const pid = child.pid;
  if (pid === undefined) return;
  liveGroups.add(pid);
  child.once('exit', () => liveGroups.delete(pid));
}

/** Signals a whole process group; false when it is already gone. */
export function signalGroup(pgid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false;
  }
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves once the child has exited. */
export async function stopChild(child: ChildProcess, graceMs = 5000): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  signalGroup(child.pid, 'SIGTERM');
  const timer = setTimeout(() => signalGroup(child.pid!, 'SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
  // Anything the child left behind in its group goes too.
  signalGroup(child.pid, 'SIGKILL');
}

/** Last resort (sync, for 'exit'): SIGKILL every group still alive. */
export function killAllGroups(): void {
  for (const pgid of liveGroups) signalGroup(pgid, 'SIGKILL');
  liveGroups.clear();
}

/**
 * Every process whose environment carries `name=value`: finds what a helper
 * started without handing back a handle (startAppServer gives up on an
 * unhealthy app without killing it), so this run can end exactly its own.
 */
export function pidsWithEnv(name: string, value: string): number[] {
  const needle = `${name}=${value}`;
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${entry}/environ`, 'latin1').split('\0').includes(needle)) found.push(Number(entry));
    } catch {
      // gone, or not ours to read
    }
  }
  return found;
}
