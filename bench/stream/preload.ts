import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from '../../tests/support/appServer';

/** `nodeOptions` plus an `--import` of one of the bench's preload modules (a path from the repo root). */
export function withPreload(nodeOptions: string | undefined, file: string): string {
  return `${nodeOptions ?? ''} --import ${pathToFileURL(resolve(ROOT, file)).href}`.trim();
}
