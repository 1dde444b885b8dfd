import { getAudit, handle } from '@quoteline/platform';
import { platform } from '@/server/platform';

export const dynamic = 'force-dynamic';

/** Admin: the audit log, newest first. */
export function GET(request: Request): Promise<Response> {
  return handle(async () => getAudit(await platform(), request));
}
