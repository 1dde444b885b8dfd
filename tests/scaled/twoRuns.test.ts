import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, ROOT } from '../support/appServer';
import { sleep } from '../support/streamTools';

const portIsFree = async (port: number) => (await import('../../scripts/servers/process.mjs')).portIsFree(port);

// `npm run start:scaled` itself, twice in one checkout: each run a process of its own, as from two terminals.

interface Run {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
  waitFor(pattern: RegExp, timeoutMs: number): Promise<void>;
  /** Ctrl-C in its terminal (SIGINT), or closing the terminal (SIGHUP): a signal to its process group. */
  interrupt(signal?: NodeJS.Signals): void;
}

const runs: Run[] = [];
const folders: string[] = [];

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'quoteline-scaled-run-'));
  chmodSync(dir, 0o755); // PostgreSQL runs as the postgres user and must enter it
  folders.push(dir);
  return join(dir, 'data');
}

function startScaled(env: Record<string, string>): Run {
  const child = spawn(process.execPath, ['scripts/start-scaled.mjs'], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout!.on('data', (d) => (text += d));
  child.stderr!.on('data', (d) => (text += d));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const run: Run = {
    child,
    output: () => text,
    exited,
    waitFor: (pattern, timeoutMs) =>
      new Promise((done, fail) => {
        const started = Date.now();
        const check = () => {
          if (pattern.test(text)) return done();
          if (child.exitCode !== null)
            return fail(new Error(`start:scaled exited (${child.exitCode}) before ${pattern}:\n${text}`));
          if (Date.now() - started > timeoutMs)
            return fail(new Error(`no ${pattern} within ${timeoutMs} ms:\n${text}`));
          setTimeout(check, 200);
        };
        check();
      }),
    interrupt: (signal = 'SIGINT') => {
      try {
        process.kill(-child.pid!, signal);
      } catch {
        // already gone
      }
    },
  };
  runs.push(run);
  return run;
}

/** The readiness answer of a shape through its nginx (its own self-signed certificate). */
function readyThrough(port: number, dataDir: string): Promise<{ status: number; instance?: string }> {
  const ca = readFileSync(join(dataDir, 'tls', 'localhost.crt'), 'utf8');
  return new Promise((done) => {
    const req = request({ host: 'localhost', port, path: '/api/health/ready', ca, timeout: 5_000 }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () =>
        done({ status: res.statusCode ?? 0, instance: (JSON.parse(body || '{}') as { instance?: string }).instance }),
      );
    });
    req.on('error', () => done({ status: 0 }));
    req.on('timeout', () => req.destroy());
    req.end();
  });
}

afterAll(async () => {
  for (const run of runs) if (run.child.exitCode === null) run.interrupt();
  await Promise.all(runs.map((r) => Promise.race([r.exited, new Promise((done) => setTimeout(done, 60_000))])));
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

describe('npm run start:scaled twice in one checkout', () => {
  it(
    'refuses a second run on the same data folder, runs one apart, and closing its terminal stops it and leaves the first serving',
    { timeout: 600_000 },
    async () => {
      const firstDir = folder();
      const firstPort = await freePort();
      const first = startScaled({ SCALED_DIR: firstDir, PORT: String(firstPort), INSTANCES: '1' });
      await first.waitFor(/Quoteline \(scaled\) is running/, 240_000);
      expect(first.output()).toContain(`app-1@${firstPort}`);
      expect((await readyThrough(firstPort, firstDir)).status).toBe(200);

      // Same folder, another port (as the busy-port message used to suggest): refused at once, naming the first run.
      const second = startScaled({ SCALED_DIR: firstDir, PORT: String(await freePort()), INSTANCES: '1' });
      const refusedIn = await Promise.race([
        second.exited,
        new Promise<'still running'>((done) => setTimeout(() => done('still running'), 30_000)),
      ]);
      expect(refusedIn).toBe(1);
      console.log(`the second run on the same folder said:\n${second.output().trim()}`);
      expect(second.output()).toMatch(new RegExp(`Another scaled shape is running on .*\\(pid ${first.child.pid},`));
      expect(second.output()).toMatch(/SCALED_DIR=.* PORT=\d+ npm run start:scaled/);
      expect((await readyThrough(firstPort, firstDir)).status).toBe(200);

      // Apart: its own folder and port; both serve, each its own instance.
      const apartDir = folder();
      const apartPort = await freePort();
      const apart = startScaled({ SCALED_DIR: apartDir, PORT: String(apartPort), INSTANCES: '1' });
      await apart.waitFor(/Quoteline \(scaled\) is running/, 240_000);
      expect(await readyThrough(apartPort, apartDir)).toEqual({ status: 200, instance: `app-1@${apartPort}` });
      const apartAppPort = Number(/app-1@\d+ http:\/\/127\.0\.0\.1:(\d+)/.exec(apart.output())![1]);
      expect(await readyThrough(firstPort, firstDir)).toEqual({ status: 200, instance: `app-1@${firstPort}` });

      // Closing the second terminal stops that run, all of it, and nothing of the first.
      apart.interrupt('SIGHUP');
      await apart.exited;
      await sleep(1_000);
      expect((await readyThrough(apartPort, apartDir)).status).toBe(0);
      expect(await portIsFree(apartAppPort)).toBe(true);
      expect(await readyThrough(firstPort, firstDir)).toEqual({ status: 200, instance: `app-1@${firstPort}` });

      first.interrupt();
      expect(await first.exited).toBe(0);
    },
  );
});
