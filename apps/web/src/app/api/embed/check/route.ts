import { getEmbedCheck, handle } from '@quoteline/platform';
import { platform } from '@/server/platform';

export const dynamic = 'force-dynamic';

/** What an embed key allows the calling page (CORS for allowed origins only). */
export function GET(request: Request): Promise<Response> {
  return handle(async () => getEmbedCheck(await platform(), request));
}
