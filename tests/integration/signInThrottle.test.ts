import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppServer, type AppServer } from '../support/appServer';

// The sign-in throttle reserves an attempt before the password is checked, so
// a burst of parallel guesses cannot all pass the check before any failure
// is counted.

let server: AppServer;

beforeAll(async () => {
  server = await startAppServer({ env: { QUOTELINE_INSTANCE: 'it-throttle' } });
});
afterAll(() => server?.stop());

const attempt = (email: string, password: string) =>
  fetch(`${server.url}/api/session`, { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: server.url }, body: JSON.stringify({ email, password }) });

describe('sign-in throttle', () => {
  it('lets at most 5 of 60 parallel attempts on one email check a password (the right one among them); the rest get 429', async () => {
    const passwords = [...Array.from({ length: 59 }, (_, i) => `wrong-${i}`), 'quoteline-trader'];
    const answers = await Promise.all(passwords.map((p) => attempt('trader@example.com', p)));
    const statuses = answers.map((a) => a.status);
    const verified = statuses.filter((s) => s !== 429).length;
    console.log(`60 parallel sign-ins: ${verified} passwords checked (${statuses.filter((s) => s === 200).length} signed in), ${statuses.filter((s) => s === 429).length} × 429`);
    expect(verified).toBeLessThanOrEqual(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(60 - verified);
    const refused = answers.find((a) => a.status === 429)!;
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('too_many_requests');
  });

  it('gives a successful attempt back and clears the email: a later mistake starts from zero', async () => {
    const statuses = async (passwords: string[]) => {
      const out: number[] = [];
      for (const p of passwords) out.push((await attempt('admin@example.com', p)).status);
      return out;
    };
    expect(await statuses(['a1', 'a2', 'a3', 'a4', 'quoteline-admin'])).toEqual([401, 401, 401, 401, 200]);
    expect(await statuses(['b1', 'b2', 'b3', 'b4', 'b5', 'b6'])).toEqual([401, 401, 401, 401, 401, 429]);
  });
});
