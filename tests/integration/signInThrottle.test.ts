import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppServer, type AppServer } from '../support/appServer';
import { errorCode, httpRequest } from '../support/httpRequest';
import { sleep } from '../support/streamTools';

// The sign-in throttle reserves an attempt before the password is checked, so
// a burst of parallel guesses cannot all pass the check before any failure
// is counted. Its hard limits name the client (the TCP peer, or what a
// trusted proxy forwards), so nobody can lock an email out for others.
//
// Every 127.x address is this machine's loopback: requests sent from
// 127.0.0.2 come from the app's one trusted proxy, those from 127.0.0.1 and
// 127.0.0.3 from two ordinary clients.

let server: AppServer;

beforeAll(async () => {
  server = await startAppServer({ env: { QUOTELINE_INSTANCE: 'it-throttle', TRUSTED_PROXIES: '127.0.0.2' } });
  // A third account with the trader's password, for the lock-out test.
  await server.db
    .exec(`INSERT INTO "User" ("id", "email", "passwordHash", "role", "createdAt") SELECT 'victim', 'victim@example.com', "passwordHash", 'trader', "createdAt" FROM "User" WHERE "email" = 'trader@example.com';
INSERT INTO "Account" ("id", "userId", "cash", "reserved", "version", "createdAt") VALUES ('victim-account', 'victim', 100000, 0, 0, '${new Date().toISOString()}');`);
});
afterAll(() => server?.stop());

/** A sign-in POST sent from `from` (a loopback address) with extra headers. */
async function attempt(
  email: string,
  password: string,
  { from = '127.0.0.1', headers = {} }: { from?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; code?: string }> {
  const answer = await httpRequest(server.url, '/api/session', {
    method: 'POST',
    from,
    headers: { 'Content-Type': 'application/json', Origin: server.url, ...headers },
    body: JSON.stringify({ email, password }),
  });
  return { status: answer.status, code: errorCode(answer) };
}

describe('sign-in throttle', () => {
  it('lets at most 5 of 60 parallel attempts on one email check a password (the right one among them); the rest get 429', async () => {
    const passwords = [...Array.from({ length: 59 }, (_, i) => `wrong-${i}`), 'quoteline-trader'];
    const answers = await Promise.all(passwords.map((p) => attempt('trader@example.com', p)));
    const statuses = answers.map((a) => a.status);
    const verified = statuses.filter((s) => s !== 429).length;
    console.log(
      `60 parallel sign-ins: ${verified} passwords checked (${statuses.filter((s) => s === 200).length} signed in), ${statuses.filter((s) => s === 429).length} × 429`,
    );
    expect(verified).toBeLessThanOrEqual(5);
    expect(answers.filter((a) => a.status === 429).every((a) => a.code === 'too_many_requests')).toBe(true);
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

  it('ignores X-Forwarded-For and X-Real-IP from a peer that is no trusted proxy: rotating them buys no attempts', async () => {
    const answers = await Promise.all(
      Array.from({ length: 51 }, (_, i) =>
        attempt(`sprayed-${i}@example.com`, 'guess', {
          from: '127.0.0.3',
          headers: { 'X-Forwarded-For': `198.51.100.${i}`, 'X-Real-IP': `198.51.100.${i}` },
        }),
      ),
    );
    const statuses = answers.map((a) => a.status);
    console.log(
      `51 sign-ins on 51 emails from one peer rotating X-Forwarded-For: ${statuses.filter((s) => s === 401).length} × 401, ${statuses.filter((s) => s === 429).length} × 429`,
    );
    expect(statuses.filter((s) => s === 401)).toHaveLength(50); // the per-client limit of the peer itself
    expect(statuses.filter((s) => s === 429)).toHaveLength(1);
  });

  it("believes the trusted proxy's X-Forwarded-For: a guesser behind it locks out only themself; the owner signs in after a short delay", async () => {
    const guesser = { from: '127.0.0.2', headers: { 'X-Forwarded-For': '203.0.113.66' } };
    const owner = { from: '127.0.0.2', headers: { 'X-Forwarded-For': '198.51.100.20' } };
    for (let i = 0; i < 5; i++) expect((await attempt('victim@example.com', `guess-${i}`, guesser)).status).toBe(401);
    expect((await attempt('victim@example.com', 'guess-5', guesser)).code).toBe('too_many_requests');
    const started = Date.now();
    let answer = await attempt('victim@example.com', 'quoteline-trader', owner);
    while (answer.status === 429 && Date.now() - started < 5_000) {
      await sleep(250);
      answer = await attempt('victim@example.com', 'quoteline-trader', owner);
    }
    console.log(`owner signed in ${Date.now() - started} ms after a guesser's 5 failures (answer ${answer.status})`);
    expect(answer.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(3_000); // 1 s after the latest failure
    expect((await attempt('victim@example.com', 'guess-6', guesser)).code).toBe('too_many_requests');
  });
});
