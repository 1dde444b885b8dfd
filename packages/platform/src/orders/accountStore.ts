import type { Db } from '@quoteline/db';
import type { Prisma } from '@quoteline/db';
import { QuotelineError } from '@quoteline/protocol';
import { EMPTY_POSITION, type AccountState, type PositionState, type Refusal } from '@quoteline/trading';

type Tx = Prisma.TransactionClient;

/** An account and one of its positions, read inside a transaction. */
export interface Holdings {
  account: AccountState & { version: number };
  position: PositionState;
}

/** Thrown when another writer changed the account first: the transaction is retried. */
class VersionConflict extends Error {}

/** The error of a refused order. */
export function refusal(reason: Refusal): QuotelineError {
  return reason === 'insufficient_funds'
    ? new QuotelineError('insufficient_funds', 'Not enough available cash for this order.')
    : new QuotelineError(
        'insufficient_position',
        'You do not hold enough free shares to sell that many (long-only account).',
      );
}

/** Reads an account and its position of `symbol`. */
export async function readHoldings(tx: Tx, accountId: string, symbol: string): Promise<Holdings> {
  const account = await tx.account.findUniqueOrThrow({ where: { id: accountId } });
  const position = await tx.position.findUnique({ where: { accountId_symbol: { accountId, symbol } } });
  return {
    account: { cash: account.cash, reserved: account.reserved, version: account.version },
    position: position
      ? { quantity: position.quantity, reserved: position.reserved, cost: position.cost, realized: position.realized }
      : EMPTY_POSITION,
  };
}

/** Writes new holdings, only if nobody changed the account since it was read (its version). */
export async function writeHoldings(
  tx: Tx,
  accountId: string,
  symbol: string,
  before: Holdings,
  after: { account: AccountState; position: PositionState },
): Promise<void> {
  const { count } = await tx.account.updateMany({
    where: { id: accountId, version: before.account.version },
    data: { cash: after.account.cash, reserved: after.account.reserved, version: { increment: 1 } },
  });
  if (count !== 1) throw new VersionConflict();
  if (after.position === before.position) return;
  const { quantity, reserved, cost, realized } = after.position;
  await tx.position.upsert({
    where: { accountId_symbol: { accountId, symbol } },
    create: { accountId, symbol, quantity, reserved, cost, realized },
    update: { quantity, reserved, cost, realized },
  });
}

/** Runs an account transaction, retrying when another instance changed the account meanwhile. */
export async function inAccountTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await db.$transaction(work);
    } catch (error) {
      if (!(error instanceof VersionConflict) || attempt >= 20) throw error;
    }
  }
}
