import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { ROOT } from './root';

/** One route handler file of the app. */
export interface AppRoute {
  /** The URL pattern, e.g. `/api/admin/feeds/[slug]`. */
  pattern: string;
  /** The HTTP methods the file exports. */
  methods: string[];
  /** Its dynamic segments' names, in order (`['slug']`). */
  params: string[];
}

const APP = join(ROOT, 'apps', 'web', 'src', 'app');
const PAGES_API = join(ROOT, 'apps', 'web', 'src', 'pages', 'api');
const METHOD = 'GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS';

/**
 * Every route of the app, read from the source tree, so a test over "every route" notices a new one:
 * App Router `route.ts` files, and Pages Router API routes (`pages/api/**.ts`, whose methods are the
 * keys of the handler table they pass, `{ GET: … }`).
 */
export function appRoutes(): AppRoute[] {
  const route = (pattern: string, methods: string[]): AppRoute => ({
    pattern,
    methods,
    params: [...pattern.matchAll(/\[([^\]]+)\]/g)].map((m) => m[1]!),
  });
  const appRouter = filesUnder(APP)
    .filter((path) => path.endsWith(`${sep}route.ts`))
    .map((path) =>
      route(
        `/${relative(APP, dirname(path)).split(sep).join('/')}`,
        // `export function POST(` or `export { handler as POST, … }`
        [
          ...readFileSync(path, 'utf8').matchAll(
            new RegExp(`export (?:async )?function (${METHOD})\\b|\\bas (${METHOD})\\b`, 'g'),
          ),
        ].map((m) => (m[1] ?? m[2])!),
      ),
    );
  const pagesApi = filesUnder(PAGES_API)
    .filter((path) => path.endsWith('.ts'))
    .map((path) =>
      route(
        `/api/${relative(PAGES_API, path).split(sep).join('/')}`.replace(/(\/index)?\.ts$/, ''),
        [...readFileSync(path, 'utf8').matchAll(new RegExp(`\\b(${METHOD}):`, 'g'))].map((m) => m[1]!),
      ),
    );
  return [...appRouter, ...pagesApi].sort((a, b) => a.pattern.localeCompare(b.pattern));
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(path) : [path];
  });
}
