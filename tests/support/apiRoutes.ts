import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
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

/** Every `route.ts` under the app, read from the source tree, so a test over "every route" notices a new one. */
export function appRoutes(): AppRoute[] {
  const routes: AppRoute[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name === 'route.ts') {
        const pattern = `/${relative(APP, dir).split(sep).join('/')}`;
        const source = readFileSync(path, 'utf8');
        // `export function POST(` or `export { handler as POST, … }`
        const methods = [
          ...source.matchAll(
            /export (?:async )?function (GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS)\b|\bas (GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS)\b/g,
          ),
        ].map((m) => (m[1] ?? m[2])!);
        routes.push({ pattern, methods, params: [...pattern.matchAll(/\[([^\]]+)\]/g)].map((m) => m[1]!) });
      }
    }
  };
  walk(APP);
  return routes.sort((a, b) => a.pattern.localeCompare(b.pattern));
}
