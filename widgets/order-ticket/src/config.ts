import { z } from 'zod';
import { feedSlugSchema } from '@quoteline/protocol';

/** Configuration of an order ticket. */
export const orderTicketConfigSchema = z.object({
  accountId: z.string().min(1),
  feed: feedSlugSchema.default('demo'),
  title: z.string().max(80).default('Order ticket'),
});

/** A validated order ticket configuration. */
export type OrderTicketConfig = z.infer<typeof orderTicketConfigSchema>;
