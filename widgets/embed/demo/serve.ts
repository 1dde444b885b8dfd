// Serves the embed demo as a third-party page on ANOTHER origin than Quoteline:
//   npm run embed:demo   (QUOTELINE_URL=http://localhost:3000 PORT=3001 EMBED_KEY=pk_demo_localhost_only)
import { createServer } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** This folder, found from the working directory (works under tsx and Playwright's loader alike). */
function demoDir(): string {
  for (let dir = resolve(process.cwd()); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'turbo.json'))) return join(dir, 'widgets', 'embed', 'demo');
    if (dirname(dir) === dir) throw new Error('run the demo from inside the Quoteline repo');
  }
}

/** The HTML of a demo page of this folder (placeholders left in), e.g. to serve a variant of it. */
export function demoPage(name: string): string {
  return readFileSync(join(demoDir(), name), 'utf8');
}

/**
 * Starts the demo page server on loopback; resolves with its URL and a close
 * function. `pages` adds pages of the caller's (name → HTML, with the same
 * placeholders): served from a real loopback origin, as a browser requires of
 * a page whose widgets reach a loopback Quoteline.
 */
export function serveDemo(
  options: { port?: number; quoteline?: string; key?: string; pages?: Record<string, string> } = {},
): Promise<{ url: string; close(): Promise<void> }> {
  const { port = 3001, quoteline = 'http://localhost:3000', key = 'pk_demo_localhost_only', pages = {} } = options;
  const here = demoDir();
  const server = createServer((req, res) => {
    const name = new URL(req.url ?? '/', 'http://x').pathname.replace(/^\//, '') || 'index.html';
    const source = Object.hasOwn(pages, name)
      ? pages[name]!
      : /^[a-z-]+\.html$/.test(name) && existsSync(join(here, name))
        ? readFileSync(join(here, name), 'utf8')
        : null;
    if (source === null) {
      res.writeHead(404).end('not found');
      return;
    }
    const html = source.replaceAll('{{QUOTELINE}}', quoteline).replaceAll('{{KEY}}', key);
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' }).end(html);
  });
  return new Promise((done) =>
    server.listen(port, '127.0.0.1', () => {
      const { port: bound } = server.address() as { port: number };
      done({ url: `http://localhost:${bound}`, close: () => new Promise<void>((r) => server.close(() => r())) });
    }),
  );
}

if (process.argv[1]?.endsWith('serve.ts')) {
  void serveDemo({
    port: Number(process.env.PORT ?? 3001),
    quoteline: process.env.QUOTELINE_URL,
    key: process.env.EMBED_KEY,
  }).then(({ url }) => console.log(`Embed demo (a third-party page): ${url}  — start Quoteline first (npm start)`));
}
