import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ROOT } from './lib.mjs';
import { nodeVersionProblem, requiredNodeRange, satisfies } from './nodeVersion.mjs';

/** Runs an entry script under a Node.js that reports `fake` as its version (preloaded), killed after 20 s. */
function runAs(fake: string, script: string): Promise<{ code: number | null; output: string }> {
  const preload = `data:text/javascript,Object.defineProperty(process.versions,'node',{value:'${fake}'})`;
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--import', preload, script], {
      cwd: ROOT,
      env: { ...process.env, PORT: '1' },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    // Without the check the script would go on to set up, start or test: stop its whole group.
    const timer = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), 20_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      done({ code, output });
    });
  });
}

describe('the Node.js version check', () => {
  it('reads engines ranges of comparators', () => {
    const range = '>=20.19 <23';
    expect(satisfies('20.19.0', range)).toBe(true);
    expect(satisfies('20.20.2', range)).toBe(true);
    expect(satisfies('22.11.0', range)).toBe(true);
    expect(satisfies('18.20.4', range)).toBe(false);
    expect(satisfies('20.18.3', range)).toBe(false);
    expect(satisfies('23.0.0', range)).toBe(false);
    expect(satisfies('24.1.0', '>=20 <21 || >=24')).toBe(true);
    expect(satisfies('20.11.1', '=20.11.1')).toBe(true);
    expect(() => satisfies('20.0.0', '^20')).toThrow(/unsupported engines range/);
  });

  it('says which Node.js is needed, from package.json', () => {
    expect(nodeVersionProblem('20.20.2')).toBeNull();
    const problem = nodeVersionProblem('18.20.4');
    expect(problem).toContain(`Quoteline needs Node.js ${requiredNodeRange()}`);
    expect(problem).toContain('this is Node.js 18.20.4');
  });

  it('stops start, start:scaled, test and setup under Node 18 before they do anything', async () => {
    for (const script of ['scripts/start.mjs', 'scripts/start-scaled.mjs', 'scripts/test.mjs', 'scripts/setup.mjs']) {
      const { code, output } = await runAs('18.20.4', script);
      expect({ script, code }).toEqual({ script, code: 1 });
      expect(output).toContain(
        `Quoteline needs Node.js ${requiredNodeRange()} (package.json "engines"); this is Node.js 18.20.4.`,
      );
      expect(output).not.toMatch(/\[1\/\d\]|Port 1 is in use|Starting/);
    }
  }, 120_000);
});
