import 'server-only';
import { getPlatform, type Platform } from '@quoteline/platform';
import { platformConfigFromEnv } from '@/env';

/** This process's platform, configured from the environment. */
export function platform(): Promise<Platform> {
  return getPlatform(platformConfigFromEnv);
}
