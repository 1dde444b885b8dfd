import { describe, expect, it } from 'vitest';
import { startAppServer, type AppServer } from '../support/appServer';
import { signIn } from '../support/session';
import { sleep } from '../support/streamTools';

// An instance killed with orders under way must not leave their Idempotency-Keys
// claimed forever: once the claim's lease has run out, a retry of each key
// answers from the order that committed, or runs it anew when none did.

const LEASE_MS = 2_000;
const RATE_PER_S = 20;
const env = { QUOTELINE_IDEMPOTENCY_LEASE_MS: String(LEASE_MS) };

/** An order's answer, or 'no answer' when the connection died first. */
type Outcome = { status: number | 'no answer'; id?: string; code?: string };

async function outcomeOf(response: Promise<Response>): Promise<Outcome> {
  try {
    const r = await response;
    const body = (await r.json()) as { id?: string; error?: { code: string } };
    return { status: r.status, id: body.id, code: body.error?.code };
  } catch {
    return { status: 'no answer' };
  }
}

describe('Idempotency-Key leases', () => {
  it('answers 409 while a claim holds; after its lease, from the committed order, or anew when nothing committed', async () => {
    const server = await startAppServer({ env: { ...env, QUOTELINE_INSTANCE: 'it-lease' } });
    try {
      const trader = await signIn(server.url, 'trader@example.com', 'quoteline-trader');
      const buy = { symbol: 'ACME', side: 'buy', type: 'market', quantity: 1 };
      const tooMuch = { ...buy, quantity: 1_000_000 };
      const filled = await outcomeOf(trader.order(buy, 'lease-filled'));
      const refused = await outcomeOf(trader.order(tooMuch, 'lease-refused'));
      expect([filled.status, refused.status]).toEqual([201, 422]);
      const orders = async () =>
        Number((await server.db.query<{ n: unknown }>(`SELECT count(*) AS n FROM "Order"`))[0]!.n);
      expect(await orders()).toBe(1);
      // As an owner that died before storing the answers leaves them: claimed, the lease still running.
      await server.db.exec(
        `UPDATE "IdempotencyKey" SET "state" = 'in_flight', "status" = NULL, "body" = NULL WHERE "key" IN ('lease-filled', 'lease-refused')`,
      );

      // Each retry in turn, answered as "status code id".
      const inTurn = async (tries: [body: unknown, key: string][]) => {
        const answers: string[] = [];
        for (const [body, key] of tries) {
          const o = await outcomeOf(trader.order(body, key));
          answers.push(`${o.status} ${o.code ?? '-'} ${o.id ?? '-'}`);
        }
        return answers;
      };
      expect(
        await inTurn([
          [buy, 'lease-filled'],
          [tooMuch, 'lease-refused'],
          [tooMuch, 'lease-filled'],
        ]),
      ).toEqual(['409 idempotency_key_in_flight -', '409 idempotency_key_in_flight -', '422 idempotency_key_reused -']);

      await sleep(LEASE_MS + 300);
      // The committed order is the answer; the refusal (nothing committed) runs anew and is refused again.
      expect(
        await inTurn([
          [buy, 'lease-filled'],
          [tooMuch, 'lease-refused'],
          [buy, 'lease-filled'],
          [tooMuch, 'lease-filled'],
        ]),
      ).toEqual([
        `201 - ${filled.id}`,
        '422 insufficient_funds -',
        `201 - ${filled.id}`,
        '422 idempotency_key_reused -',
      ]);
      expect(await orders()).toBe(1);
      const states = await server.db.query<{ state: string }>(`SELECT "state" FROM "IdempotencyKey"`);
      expect(states.map((k) => k.state)).toEqual(['done', 'done']);
    } finally {
      await server.stop();
    }
  });
});

describe('Idempotency-Keys after kill -9', () => {
  it('resolves every key of a burst cut short to exactly one order or a clean new attempt; none stays in flight', async () => {
    const first = await startAppServer({ env: { ...env, QUOTELINE_INSTANCE: 'it-lease-1' } });
    let second: AppServer | null = null;
    try {
      const trader = await signIn(first.url, 'trader@example.com', 'quoteline-trader');
      const body = { symbol: 'ACME', side: 'buy', type: 'market', quantity: 1 };

      // About 20 orders a second with distinct keys (4 at once every 200 ms); the instance is killed once a
      // key's order has committed but its answer is not stored yet (the worst moment), else once any key is
      // claimed and not yet answered, else after 6 s.
      const keys: string[] = [];
      const before: Promise<Outcome>[] = [];
      let killedAt = 0;
      const kill = () => {
        if (killedAt) return;
        process.kill(-first.process.pid!, 'SIGKILL');
        killedAt = Date.now();
      };
      const started = Date.now();
      const watch = (async () => {
        await sleep(1_000);
        while (!killedAt && Date.now() - started < 6_000) {
          const claimedNow = await first.db.query<{ orderId?: string | null }>(
            `SELECT * FROM "IdempotencyKey" WHERE "state" = 'in_flight'`,
          );
          if (claimedNow.some((k) => k.orderId) || (claimedNow.length > 0 && Date.now() - started > 4_000)) kill();
          else await sleep(1);
        }
        kill();
      })();
      for (let i = 0; !killedAt; i++) {
        for (let j = 0; j < 4; j++) {
          const key = `burst-${i}-${j}-${crypto.randomUUID()}`;
          keys.push(key);
          before.push(outcomeOf(trader.order(body, key)));
        }
        await sleep((4 * 1000) / RATE_PER_S);
      }
      await watch;
      const firstAnswers = await Promise.all(before);
      await new Promise((r) =>
        first.process.exitCode !== null || first.process.signalCode !== null ? r(null) : first.process.once('exit', r),
      );
      const claimed = await first.db.query<{ state: string; orderId?: string | null }>(
        `SELECT * FROM "IdempotencyKey"`,
      );
      const inFlightAtKill = claimed.filter((k) => k.state === 'in_flight').length;
      const committedAtKill = claimed.filter((k) => k.state === 'in_flight' && k.orderId).length;
      const cutShort = firstAnswers.filter((a) => a.status === 'no answer').length;

      second = await startAppServer({
        databaseUrl: first.databaseUrl,
        env: { ...env, QUOTELINE_INSTANCE: 'it-lease-2' },
      });
      await sleep(Math.max(0, killedAt + LEASE_MS + 500 - Date.now()));
      const retry = await signIn(second.url, 'trader@example.com', 'quoteline-trader');
      const retried: Outcome[] = [];
      for (const key of keys) retried.push(await outcomeOf(retry.order(body, key)));
      const again: Outcome[] = [];
      for (const key of keys) again.push(await outcomeOf(retry.order(body, key)));

      const stuck = keys.filter((_, i) => retried[i]!.status === 409);
      const left = (
        await second.db.query<{ n: unknown }>(`SELECT count(*) AS n FROM "IdempotencyKey" WHERE "state" = 'in_flight'`)
      )[0]!.n;
      const orders = await second.db.query<{ id: string }>(`SELECT "id" FROM "Order"`);
      console.log(
        `${keys.length} keys sent, ${firstAnswers.length - cutShort} answered before the kill, ${cutShort} cut short, ${inFlightAtKill} in flight at the kill (${committedAtKill} with a committed order); after the lease: ${stuck.length} answered 409, ${Number(left)} left in flight`,
      );

      expect(cutShort, 'the kill came in the middle of the burst').toBeGreaterThan(0);
      expect(stuck, 'keys still answering 409 after the lease').toEqual([]);
      expect(Number(left), 'keys left in flight').toBe(0);
      keys.forEach((key, i) => {
        const [was, now, then] = [firstAnswers[i]!, retried[i]!, again[i]!];
        expect(now.status, `retry of ${key}`).toBe(201);
        // an order answered before the kill is the one its retry finds
        if (was.status === 201) expect(now.id, `retry of ${key}`).toBe(was.id);
        expect(then, `second retry of ${key}`).toEqual(now);
      });
      // one order per key: nothing was bought twice, and no order is without its key
      const ids = retried.map((r) => r.id);
      expect(new Set(ids).size).toBe(keys.length);
      expect(orders.map((o) => o.id).sort()).toEqual([...ids].sort());
    } finally {
      if (second) await second.stop();
      else await first.stop();
    }
  });
});
