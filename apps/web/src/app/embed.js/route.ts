import { embedAsset, handle } from '@quoteline/platform';

export const dynamic = 'force-dynamic';

/** The embed loader third-party pages include with one script tag. */
export function GET(): Promise<Response> {
  return handle(() => embedAsset('embed.js'));
}
