import type { BrowserContext, Page } from '@playwright/test';

/**
 * The URLs of every stream request (GET /api/stream) the page or context
 * makes from now on, in order: how a spec proves widgets share ONE stream.
 */
export function streamRequests(target: Page | BrowserContext): string[] {
  const urls: string[] = [];
  target.on('request', (r) => {
    if (new URL(r.url()).pathname === '/api/stream') urls.push(r.url());
  });
  return urls;
}
