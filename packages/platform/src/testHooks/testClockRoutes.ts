import { invalid, QuotelineError } from '@quoteline/protocol';
import { z } from 'zod';
import type { Platform } from '../platform';
import { readJson } from '../http/readBody';

const setClockSchema = z.object({ now: z.number().int().nonnegative().max(8.64e15) }).strict();

/** `POST /api/test/clock` `{"now": ms}` (test hooks only): moves the market's clock; it runs on from there. */
export async function postTestClock(platform: Platform, request: Request): Promise<Response> {
  if (!platform.config.testHooks) throw new QuotelineError('not_found', 'Not found.');
  const parsed = setClockSchema.safeParse(await readJson(request));
  if (!parsed.success) throw invalid('invalid_body', 'Send {"now": ms since the epoch}.', parsed.error.issues);
  platform.clock.set(parsed.data.now);
  return Response.json({ now: platform.clock.now() });
}
