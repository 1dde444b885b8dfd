import type { TestProject } from 'vitest/node';
import { startAppServer } from '../support/appServer';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

/** One built app on a fresh database for the integration suite; fast keep-alives so tests see them. */
export default async function setup(project: TestProject) {
  const server = await startAppServer({ env: { QUOTELINE_KEEPALIVE_MS: '500', QUOTELINE_INSTANCE: 'it-1' } });
  project.provide('baseUrl', server.url);
  return () => server.stop();
}
