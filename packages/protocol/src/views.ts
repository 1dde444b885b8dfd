import { z } from 'zod';
import { moneySchema, orderEventSchema } from './privateEvents';
import { symbolSchema } from './topics';

/** An order as `POST/GET /api/orders` return it: the `order` event's fields with REST names; `streamPosition` (on POST) is the id of its last resulting event. */
export const orderViewSchema = orderEventSchema.omit({ topic: true, orderId: true, ts: true }).extend({
  id: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  streamPosition: z.string().optional(),
});

/** A fill as `GET /api/orders` returns it. */
export const fillViewSchema = z.object({
  id: z.string(),
  orderId: z.string(),
  symbol: symbolSchema,
  side: z.enum(['buy', 'sell']),
  quantity: z.number().int().positive(),
  price: moneySchema,
  createdAt: z.string(),
});

/** Body of `GET /api/orders`. */
export const ordersResponseSchema = z.object({
  orders: z.array(orderViewSchema),
  fills: z.array(fillViewSchema),
  streamPosition: z.string(),
});

/** A position as `GET /api/portfolio` returns it. */
export const positionViewSchema = z.object({
  symbol: symbolSchema,
  quantity: z.number().int().nonnegative(),
  reserved: z.number().int().nonnegative(),
  averageCost: moneySchema,
  cost: moneySchema,
  realized: moneySchema,
});

/** Body of `GET /api/portfolio`. */
export const portfolioResponseSchema = z.object({
  cash: moneySchema,
  reserved: moneySchema,
  available: moneySchema,
  positions: z.array(positionViewSchema),
  streamPosition: z.string(),
});

/** Body of `GET /api/session` (and `POST /api/session`). */
export const sessionResponseSchema = z.object({
  user: z.object({ email: z.string(), role: z.enum(['trader', 'admin']), accountId: z.string() }).nullable(),
});

export type OrderView = z.infer<typeof orderViewSchema>;
export type FillView = z.infer<typeof fillViewSchema>;
export type OrdersResponse = z.infer<typeof ordersResponseSchema>;
export type PositionView = z.infer<typeof positionViewSchema>;
export type PortfolioResponse = z.infer<typeof portfolioResponseSchema>;
export type SessionResponse = z.infer<typeof sessionResponseSchema>;
