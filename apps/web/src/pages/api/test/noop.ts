import type { IncomingMessage, ServerResponse } from 'node:http';
import { answer, handleNode, postTestNoop } from '@quoteline/platform';
import { platform } from '@/server/platform';

export const config = { api: { bodyParser: false, externalResolver: true } };

/** Test hook (QUOTELINE_TEST_HOOKS=1 only): a POST that does no work, on the order route's route type; `bench:orders`' baseline. */
export default function noop(req: IncomingMessage, res: ServerResponse): Promise<void> {
  return handleNode(req, res, { POST: answer(res, async () => postTestNoop(await platform(), req)) });
}
