import { pushTickSchema } from '@quoteline/protocol';
import { priceOnGrid, tickSizeText, type TickGrid } from '@quoteline/trading';

/** A pushed tick that passed validation, its prices in minor units. */
export interface ValidTick {
  index: number;
  symbol: string;
  price: number;
  bid?: number;
  ask?: number;
  ts?: number;
}

/** A pushed tick refused, by its position in the batch. */
export interface RejectedTick {
  index: number;
  reason: string;
}

/**
 * Validates each tick of a push batch on its own: good ones come back in minor
 * units (on their instrument's grid, from `gridOf`), bad ones with their index
 * and a reason a sender can act on. One bad tick never refuses the others.
 */
export function validatePushBatch(
  ticks: readonly unknown[],
  gridOf: (symbol: string) => TickGrid | null,
): { valid: ValidTick[]; rejected: RejectedTick[] } {
  const valid: ValidTick[] = [];
  const rejected: RejectedTick[] = [];
  ticks.forEach((raw, index) => {
    const tick = pushTickSchema.safeParse(raw);
    if (!tick.success)
      return rejected.push({
        index,
        reason: tick.error.issues.map((i) => `${i.path.join('.') || 'tick'}: ${i.message}`).join('; '),
      });
    const grid = gridOf(tick.data.symbol);
    if (!grid) return rejected.push({ index, reason: `${tick.data.symbol} is not an instrument of this feed` });
    const minor = (v: number | undefined) => (v === undefined ? undefined : priceOnGrid(v, grid));
    const [price, bid, ask] = [minor(tick.data.price), minor(tick.data.bid), minor(tick.data.ask)];
    if (price === null || bid === null || ask === null)
      return rejected.push({ index, reason: `prices of ${tick.data.symbol} are multiples of ${tickSizeText(grid)}` });
    valid.push({ index, symbol: tick.data.symbol, price: price!, bid, ask, ts: tick.data.ts });
  });
  return { valid, rejected };
}
