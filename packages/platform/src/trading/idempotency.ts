import { createHash } from 'node:crypto';
import type { Db } from '@quoteline/db';
import { QuotelineError } from '@quoteline/protocol';

/** What a claimed key allows: run the request now, or answer with the stored first response. */
export type Claim = { kind: 'new'; id: string } | { kind: 'replay'; status: number; body: unknown };

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

/**
 * Idempotency-Key records per account. The unique (account, key) row is the
 * lock: exactly one request claims it; a retry gets the stored answer, a
 * different body 422, a retry while the first is running 409.
 */
export class IdempotencyKeys {
  constructor(private readonly db: Db) {}

  async claim(accountId: string, key: string, hash: string): Promise<Claim> {
    try {
      const row = await this.db.idempotencyKey.create({ data: { accountId, key, requestHash: hash, state: 'in_flight' } });
      return { kind: 'new', id: row.id };
    } catch (error) {
      if ((error as { code?: string }).code !== 'P2002') throw error;
    }
    const existing = await this.db.idempotencyKey.findUnique({ where: { accountId_key: { accountId, key } } });
    if (!existing) throw new QuotelineError('idempotency_key_in_flight', 'This Idempotency-Key is being used right now; retry in a moment.');
    if (existing.requestHash !== hash)
      throw new QuotelineError('idempotency_key_reused', 'This Idempotency-Key was already used for a different order; use a new key for a new order.');
    if (existing.state !== 'done' || existing.status === null)
      throw new QuotelineError('idempotency_key_in_flight', 'The first request with this Idempotency-Key is still running; retry in a moment.');
    return { kind: 'replay', status: existing.status, body: JSON.parse(existing.body ?? 'null') };
  }

  /** Stores the answer of a claimed key. */
  async complete(id: string, status: number, body: unknown): Promise<void> {
    await this.db.idempotencyKey.update({ where: { id }, data: { state: 'done', status, body: JSON.stringify(body) } });
  }

  /** Frees a claimed key after an unexpected failure, so a retry can run. */
  async abandon(id: string): Promise<void> {
    await this.db.idempotencyKey.deleteMany({ where: { id } });
  }
}
