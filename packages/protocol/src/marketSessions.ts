import { z } from 'zod';

// A feed's trading calendar and the market state the stream reports. The
// calendar math lives in @quoteline/market; these are the shapes on the wire
// and in requests.

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time is HH:MM (24 h)');

/** Open and close, local wall-clock times of the calendar's zone; close after open. */
export const sessionHoursSchema = z
  .object({ open: hhmm, close: hhmm })
  .strict()
  .refine((h) => h.open < h.close, 'a session closes after it opens');

/** True when Intl knows the IANA time zone. */
function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** When a feed's market is open: `hours` per weekday (missing days closed) and whole-day `holidays`, in `timeZone`. */
export const tradingCalendarSchema = z
  .object({
    timeZone: z.string().min(1).max(64).refine(isTimeZone, 'an IANA time zone, e.g. America/New_York'),
    hours: z
      .object({
        sun: sessionHoursSchema,
        mon: sessionHoursSchema,
        tue: sessionHoursSchema,
        wed: sessionHoursSchema,
        thu: sessionHoursSchema,
        fri: sessionHoursSchema,
        sat: sessionHoursSchema,
      })
      .partial()
      .strict(),
    holidays: z
      .array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a holiday is YYYY-MM-DD'))
      .max(400)
      .default([]),
  })
  .strict();

/** Whether a feed's market trades now: `halted` is an admin's pause, `closed` its calendar outside the session. */
export const marketStateSchema = z.enum(['open', 'closed', 'halted']);

/** Longest staleness bound a feed may set (a day). */
export const MAX_STALE_AFTER_MS = 86_400_000;

/** A quote older than this many ms is stale (null: never). */
export const staleAfterMsSchema = z
  .number({ error: 'enter a number of milliseconds' })
  .int('whole milliseconds')
  .min(1000, 'a staleness bound is 1000 to 86400000 ms')
  .max(MAX_STALE_AFTER_MS, 'a staleness bound is 1000 to 86400000 ms')
  .nullable();

export type TradingCalendarInput = z.input<typeof tradingCalendarSchema>;
export type TradingCalendarSpec = z.infer<typeof tradingCalendarSchema>;
export type MarketState = z.infer<typeof marketStateSchema>;
