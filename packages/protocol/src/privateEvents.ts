import { z } from 'zod';
import { symbolSchema, topicSchema } from './topics';

// Private events of an `account:<id>` topic. Money is a decimal string with
// exactly the currency's decimals ("100000.00"), never a binary float.

/** A decimal amount of money or a price, as an exact string. */
export const moneySchema = z.string().regex(/^-?\d{1,15}(\.\d{1,8})?$/, 'a decimal number as a string');

/** Lifecycle of an order. */
export const orderStatusSchema = z.enum(['open', 'filled', 'cancelled', 'rejected']);

/** An order changed state (accepted, filled, cancelled, rejected). */
export const orderEventSchema = z.object({
  topic: topicSchema,
  orderId: z.string().min(1),
  symbol: symbolSchema,
  side: z.enum(['buy', 'sell']),
  type: z.enum(['market', 'limit']),
  quantity: z.number().int().positive(),
  limitPrice: moneySchema.nullable(),
  status: orderStatusSchema,
  filledQuantity: z.number().int().nonnegative(),
  averagePrice: moneySchema.nullable(),
  reason: z.string().nullable(),
  ts: z.number().int().nonnegative(),
});

/** Part or all of an order executed at a price. */
export const fillEventSchema = z.object({
  topic: topicSchema,
  fillId: z.string().min(1),
  orderId: z.string().min(1),
  symbol: symbolSchema,
  side: z.enum(['buy', 'sell']),
  quantity: z.number().int().positive(),
  price: moneySchema,
  ts: z.number().int().nonnegative(),
});

/** The account's holding of one symbol after a fill, with the cash left. */
export const positionEventSchema = z.object({
  topic: topicSchema,
  symbol: symbolSchema,
  quantity: z.number().int().nonnegative(),
  averageCost: moneySchema,
  cash: moneySchema,
  ts: z.number().int().nonnegative(),
});
