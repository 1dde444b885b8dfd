import { embedAsset, handle } from '@quoteline/platform';

export const dynamic = 'force-dynamic';

/** Content-hashed widget modules the loader imports on demand. */
export function GET(_request: Request, { params }: { params: Promise<{ file: string }> }): Promise<Response> {
  return handle(async () => embedAsset((await params).file));
}
