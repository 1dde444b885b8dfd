// No `server-only` marker here: the Pages Router's /api/stream imports this too, where that marker throws.
// A client import would fail the build anyway: the platform needs node:* and native database drivers.
import { getPlatform, type Platform } from '@quoteline/platform';
import { platformConfigFromEnv } from '@/env';

/** This process's platform, configured from the environment. */
export function platform(): Promise<Platform> {
  return getPlatform(platformConfigFromEnv);
}
