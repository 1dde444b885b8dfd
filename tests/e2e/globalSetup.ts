import type { FullConfig } from '@playwright/test';
import { startAppServer } from '../support/appServer';

/** Starts the built app on its own fresh database at the configured baseURL; returns the teardown. */
export default async function globalSetup(config: FullConfig) {
  const baseURL = config.projects[0]!.use.baseURL!;
  const server = await startAppServer({ port: Number(new URL(baseURL).port), env: { QUOTELINE_INSTANCE: 'e2e-1' } });
  return () => server.stop();
}
