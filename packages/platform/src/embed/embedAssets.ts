import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { QuotelineError } from '@quoteline/protocol';

let distDir: string | null = null;

/** widgets/embed/dist, found from the server's working directory (the app runs inside the repo). */
function embedDist(): string {
  if (distDir) return distDir;
  for (let dir = resolve(process.cwd()); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'turbo.json'))) return (distDir = join(dir, 'widgets', 'embed', 'dist'));
    if (dirname(dir) === dir) throw new Error('cannot find the repo root (turbo.json) to serve the embed bundle');
  }
}

/**
 * Serves a file of the embed bundle: `embed.js` with a short cache (its URL
 * never changes), content-hashed modules cached for a year as immutable.
 */
export async function embedAsset(name: string): Promise<Response> {
  if (!/^(embed\.js|[a-z-]+-[A-Z0-9]{8}\.js)$/.test(name)) throw new QuotelineError('not_found', 'No such embed file.');
  let body: Buffer;
  try {
    body = await readFile(join(embedDist(), name));
  } catch {
    throw new QuotelineError(
      'not_found',
      name === 'embed.js' ? 'The embed bundle is not built; run npm run build.' : 'No such embed file.',
    );
  }
  const cache = name === 'embed.js' ? 'public, max-age=300' : 'public, max-age=31536000, immutable';
  // Modules are fetched cross-origin by import(): they need CORS; they carry no data, so any origin may load them.
  return new Response(new Uint8Array(body), {
    headers: {
      'Content-Type': 'text/javascript; charset=utf-8',
      'Cache-Control': cache,
      'Access-Control-Allow-Origin': '*',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
