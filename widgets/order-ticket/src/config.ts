import { z } from 'zod';
import { feedSlugSchema, symbolSchema } from '@quoteline/protocol';

/** Configuration of an order ticket. */
export const orderTicketConfigSchema = z.object({
  accountId: z.string().min(1),
  feed: feedSlugSchema.default('demo'),
  /** the instrument to show first (the feed's first when not given or not on the feed); a new one replaces the person's pick */
  symbol: symbolSchema.optional(),
  title: z.string().max(80).default('Order ticket'),
});

/** A validated order ticket configuration. */
export type OrderTicketConfig = z.infer<typeof orderTicketConfigSchema>;
