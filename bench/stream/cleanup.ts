import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { killAllGroups, pidsWithEnv, signalGroup } from './childProcesses';

/** The environment variable marking every process this run starts (set on the children only, never on the orchestrator). */
export const TAG_VARIABLE = 'QUOTELINE_BENCH_TAG';

/** SIGKILLs every process (and its group) carrying this run's tag; returns how many there were. */
export function killTagged(tag: string): number {
  const pids = pidsWithEnv(TAG_VARIABLE, tag);
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
    signalGroup(pid, 'SIGKILL');
  }
  return pids.length;
}

/**
 * However the run ends (done, error, Ctrl-C, SIGTERM), no server or load
 * generator outlives it: their process groups are killed, then anything
 * still carrying the run's tag. Temporary files go to a private TMPDIR
 * removed at exit, since a killed app server never deletes its database.
 */
export function installCleanup(tag: string): void {
  const privateTmp = mkdtempSync(join(tmpdir(), 'quoteline-bench-'));
  // os.tmpdir() reads TMPDIR on every call, so startAppServer's databases land here too.
  process.env.TMPDIR = privateTmp;
  const onSignal = (signal: NodeJS.Signals) => {
    console.error(`\n${signal}: stopping every process this run started`);
    killAllGroups();
    killTagged(tag);
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  process.once('exit', () => {
    killAllGroups();
    killTagged(tag);
    rmSync(privateTmp, { recursive: true, force: true });
  });
}
