import type { Platform } from '../platform';
import { readingAdminOf } from './adminAccess';

/** `GET /api/admin/audit`: who changed what and when. */
export async function getAudit(platform: Platform, request: Request): Promise<Response> {
  await readingAdminOf(platform, request);
  return Response.json({ entries: await platform.audit.recent() });
}
