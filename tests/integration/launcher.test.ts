import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, ROOT } from '../support/appServer';
import { waitUntil } from '../support/streamTools';

// `npm start` as a terminal runs it: the launcher in a process group of its own (the terminal's job), signalled as a group.
const folder = mkdtempSync(join(tmpdir(), 'quoteline-launcher-'));
let port = 0;

const portIsFree = async (p: number) => (await import('../../scripts/servers/process.mjs')).portIsFree(p);

/** The pids listening on `port` (ss), to stop a server the launcher left behind. */
function listeners(p: number): number[] {
  const out = execFileSync('ss', ['-ltnpH', `sport = :${p}`], { encoding: 'utf8' });
  return [...out.matchAll(/pid=(\d+)/g)].map((m) => Number(m[1]));
}

afterAll(() => {
  // A server left running by a launcher that died: stopped by its pid.
  if (port) for (const pid of listeners(port)) process.kill(pid, 'SIGTERM');
  rmSync(folder, { recursive: true, force: true });
});

describe('npm start (scripts/start.mjs)', () => {
  it(
    "stops the server when its terminal closes (SIGHUP to the launcher's process group), as on Ctrl-C",
    { timeout: 300_000 },
    async () => {
      port = await freePort();
      const launcher = spawn(process.execPath, ['scripts/start.mjs'], {
        cwd: ROOT,
        env: { ...process.env, PORT: String(port), DATABASE_URL: `file:${join(folder, 'quoteline.db')}` },
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      launcher.stdout!.on('data', (d) => (output += d));
      launcher.stderr!.on('data', (d) => (output += d));
      const exited = new Promise<void>((done) => launcher.once('exit', () => done()));
      await waitUntil(
        () => output.includes('Quoteline is running') || launcher.exitCode !== null,
        'the launcher to report the server running',
        240_000,
        200,
      );
      expect(output).toContain('Quoteline is running');
      expect(await portIsFree(port)).toBe(false);

      const hungUpAt = Date.now();
      process.kill(-launcher.pid!, 'SIGHUP');
      await exited;
      await waitUntil(() => portIsFree(port), `port ${port} free again`, 15_000, 100).catch(() => undefined);
      const freedAfter = Date.now() - hungUpAt;
      const left = listeners(port);
      console.log(
        left.length === 0
          ? `after SIGHUP the server stopped within ${freedAfter} ms`
          : `after SIGHUP the server (pid ${left.join(', ')}) still serves`,
      );
      expect(left).toEqual([]);
    },
  );
});
