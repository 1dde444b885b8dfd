// The order rules of a long-only cash account, as pure functions over plain
// values. The platform runs them inside one database transaction per change.

/** Buy or sell. */
export type Side = 'buy' | 'sell';
/** Market (fill now at the touch) or limit (rest until the market crosses). */
export type OrderType = 'market' | 'limit';

/** The live touch of an instrument, in minor units. */
export interface Touch {
  bid: number;
  ask: number;
}

/** An account's money, in minor units. `reserved` is promised to resting buy orders. */
export interface AccountState {
  cash: bigint;
  reserved: bigint;
}

/** A holding of one symbol. `cost` is what the shares held cost in total; `reserved` shares back resting sells. */
export interface PositionState {
  quantity: number;
  reserved: number;
  cost: bigint;
  realized: bigint;
}

/** What an order needs for the rules. */
export interface OrderTerms {
  side: Side;
  type: OrderType;
  quantity: number;
  limitPrice: number | null;
}

/** Why an order cannot go ahead. */
export type Refusal = 'insufficient_funds' | 'insufficient_position';

/** The position of a symbol an account does not hold yet. */
export const EMPTY_POSITION: PositionState = { quantity: 0, reserved: 0, cost: 0n, realized: 0n };

/**
 * The price an order executes at against a touch, or null when it must rest:
 * market buys pay the ask and sells get the bid; a limit fills only at its
 * limit or better (buy when ask ≤ limit, sell when bid ≥ limit), at the touch.
 */
export function executionPrice(order: OrderTerms, touch: Touch): number | null {
  if (order.side === 'buy') {
    if (order.type === 'market' || touch.ask <= order.limitPrice!) return touch.ask;
    return null;
  }
  if (order.type === 'market' || touch.bid >= order.limitPrice!) return touch.bid;
  return null;
}

/** Cash not promised to resting orders. */
export function availableCash(account: AccountState): bigint {
  return account.cash - account.reserved;
}

/** Sets aside what a resting limit order may need: cash for a buy, shares for a sell. */
export function reserve(
  account: AccountState,
  position: PositionState,
  order: OrderTerms,
): { account: AccountState; position: PositionState } | Refusal {
  if (order.side === 'buy') {
    const need = BigInt(order.quantity) * BigInt(order.limitPrice!);
    if (availableCash(account) < need) return 'insufficient_funds';
    return { account: { ...account, reserved: account.reserved + need }, position };
  }
  if (position.quantity - position.reserved < order.quantity) return 'insufficient_position';
  return { account, position: { ...position, reserved: position.reserved + order.quantity } };
}

/** Gives back what a resting order had set aside (on cancel, or just before it fills). */
export function release(
  account: AccountState,
  position: PositionState,
  order: OrderTerms,
): { account: AccountState; position: PositionState } {
  if (order.side === 'buy')
    return {
      account: { ...account, reserved: account.reserved - BigInt(order.quantity) * BigInt(order.limitPrice!) },
      position,
    };
  return { account, position: { ...position, reserved: position.reserved - order.quantity } };
}

/**
 * Executes `quantity` at `price`: a buy spends available cash and adds to the
 * position's cost; a sell removes the same share of the cost it held and books
 * the difference as realised P&L, so cash + cost − realised never changes.
 */
export function execute(
  account: AccountState,
  position: PositionState,
  side: Side,
  quantity: number,
  price: number,
): { account: AccountState; position: PositionState } | Refusal {
  const amount = BigInt(quantity) * BigInt(price);
  if (side === 'buy') {
    if (availableCash(account) < amount) return 'insufficient_funds';
    return {
      account: { ...account, cash: account.cash - amount },
      position: { ...position, quantity: position.quantity + quantity, cost: position.cost + amount },
    };
  }
  if (position.quantity - position.reserved < quantity) return 'insufficient_position';
  const costRemoved = (position.cost * BigInt(quantity)) / BigInt(position.quantity);
  return {
    account: { ...account, cash: account.cash + amount },
    position: {
      ...position,
      quantity: position.quantity - quantity,
      cost: position.cost - costRemoved,
      realized: position.realized + amount - costRemoved,
    },
  };
}

/** Average cost per share in minor units (0 when flat), rounded half up. */
export function averageCost(position: PositionState): bigint {
  if (position.quantity === 0) return 0n;
  const q = BigInt(position.quantity);
  return (position.cost * 2n + q) / (2n * q);
}
