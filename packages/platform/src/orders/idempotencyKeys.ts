import { createHash } from 'node:crypto';
import type { Db, Prisma } from '@quoteline/db';
import { QuotelineError, type ErrorBody } from '@quoteline/protocol';
import type { PlacedOrder } from './orderViews';

type Tx = Prisma.TransactionClient;

/** What a key's first request was answered: the order it placed, or why the order was refused. */
export type KeyAnswer = { order: PlacedOrder } | { refusal: QuotelineError };

/**
 * What a claim allows: run the request now, answer with the stored first
 * answer, or answer from the order an earlier attempt committed before its
 * owner died (its answer was never stored).
 */
export type Claim =
  | { kind: 'new'; id: string }
  | { kind: 'replay'; answer: KeyAnswer }
  | { kind: 'committed'; id: string; orderId: string };

/**
 * A row keeps its answer as the HTTP status and JSON body the first request got (201 and the order, or the
 * refusal's status and error body), as rows always have, so a retry answers exactly as the first request did.
 */
const PLACED_STATUS = 201;

function storedAnswer(status: number, body: unknown): KeyAnswer {
  if (status === PLACED_STATUS) return { order: body as PlacedOrder };
  const { code, message, issues, refused } = (body as ErrorBody).error;
  return { refusal: new QuotelineError(code, message, { issues, refused }) };
}

/** Who claims keys and for how long a claim holds without renewal. */
export interface IdempotencyOptions {
  /** This instance (process): the only one that renews, answers or frees its claims. */
  owner: string;
  leaseMs: number;
  now?: () => number;
}

/** Thrown inside an order's transaction when another attempt with the same key committed its order first: roll back. */
export class KeyAlreadyCommitted extends Error {
  constructor() {
    super('another attempt with this Idempotency-Key committed its order first');
  }
}

/** A stable hash of a request body, so "the same body" means the same fields and values. */
export function requestHash(body: unknown): string {
  return createHash('sha256').update(canonicalJson(body)).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}

const inFlight = () =>
  new QuotelineError(
    'idempotency_key_in_flight',
    'The first request with this Idempotency-Key is still running; retry in a moment.',
  );

/**
 * Idempotency-Key records per account. The unique (account, key) row is the
 * lock: exactly one request claims it; a retry gets the stored answer, a
 * different body 422, a retry while the first is running 409. A claim has an
 * owner and a lease the owner renews while the request runs; once the lease
 * has run out (the owner died), a retry takes the key over and answers from
 * the order the first attempt committed (linked to the key in the order's
 * own transaction) or, when none did, runs the request anew.
 */
export class IdempotencyKeys {
  private readonly now: () => number;

  constructor(
    private readonly db: Db,
    private readonly options: IdempotencyOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  async claim(accountId: string, key: string, hash: string): Promise<Claim> {
    const { owner, leaseMs } = this.options;
    for (let attempt = 0; attempt < 3; attempt++) {
      const now = this.now();
      try {
        const row = await this.db.idempotencyKey.create({
          data: { accountId, key, requestHash: hash, state: 'in_flight', owner, leaseUntil: new Date(now + leaseMs) },
        });
        return { kind: 'new', id: row.id };
      } catch (error) {
        if ((error as { code?: string }).code !== 'P2002') throw error;
      }
      const existing = await this.db.idempotencyKey.findUnique({ where: { accountId_key: { accountId, key } } });
      if (!existing) continue; // freed after a failure meanwhile: claim it again
      if (existing.requestHash !== hash)
        throw new QuotelineError(
          'idempotency_key_reused',
          'This Idempotency-Key was already used for a different order; use a new key for a new order.',
        );
      if (existing.state === 'done' && existing.status !== null)
        return { kind: 'replay', answer: storedAnswer(existing.status, JSON.parse(existing.body ?? 'null')) };
      if (existing.leaseUntil && existing.leaseUntil.getTime() > now) throw inFlight();
      // The owner stopped renewing (it died): take the key over, unless another retry just did.
      const { count } = await this.db.idempotencyKey.updateMany({
        where: { id: existing.id, state: 'in_flight', leaseUntil: existing.leaseUntil, orderId: existing.orderId },
        data: { owner, leaseUntil: new Date(now + leaseMs) },
      });
      if (count === 1)
        return existing.orderId
          ? { kind: 'committed', id: existing.id, orderId: existing.orderId }
          : { kind: 'new', id: existing.id };
    }
    throw inFlight();
  }

  /** Runs a claimed request, renewing its lease every third of it, so a request that waits long keeps its key. */
  async hold<T>(id: string, work: () => Promise<T>): Promise<T> {
    const { owner, leaseMs } = this.options;
    const renew = () =>
      this.db.idempotencyKey
        .updateMany({ where: { id, owner, state: 'in_flight' }, data: { leaseUntil: new Date(this.now() + leaseMs) } })
        .catch(() => undefined); // a lapsed lease is safe: the order's transaction still commits one order per key
    const timer = setInterval(() => void renew(), leaseMs / 3);
    timer.unref?.();
    try {
      return await work();
    } finally {
      clearInterval(timer);
    }
  }

  /** Links the key to its order inside the order's transaction, so a committed order is always found; throws KeyAlreadyCommitted when another attempt's order was. */
  async linkOrder(tx: Tx, id: string, orderId: string): Promise<void> {
    const { count } = await tx.idempotencyKey.updateMany({ where: { id, orderId: null }, data: { orderId } });
    if (count !== 1) throw new KeyAlreadyCommitted();
  }

  /** The order an attempt with this key committed, if any. */
  async committedOrder(id: string): Promise<string | null> {
    return (await this.db.idempotencyKey.findUnique({ where: { id } }))?.orderId ?? null;
  }

  /** Stores the answer of a key this instance holds (one taken over since is left alone). */
  async complete(id: string, answer: KeyAnswer): Promise<void> {
    const [status, body] =
      'order' in answer ? [PLACED_STATUS, answer.order] : [answer.refusal.status, answer.refusal.toBody()];
    await this.db.idempotencyKey.updateMany({
      where: { id, owner: this.options.owner, state: 'in_flight' },
      data: { state: 'done', status, body: JSON.stringify(body) },
    });
  }

  /** After an unexpected failure: frees the key when nothing committed, else ends its lease, so a retry runs anew or answers from the order. */
  async abandon(id: string): Promise<void> {
    const { owner } = this.options;
    await this.db.idempotencyKey.deleteMany({ where: { id, owner, orderId: null, state: 'in_flight' } });
    await this.db.idempotencyKey.updateMany({
      where: { id, owner, state: 'in_flight' },
      data: { leaseUntil: new Date(this.now()) },
    });
  }
}
