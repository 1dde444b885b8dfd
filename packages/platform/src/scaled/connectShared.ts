import type { PlatformConfig } from '../config';
import type { SharedParts } from './sharedParts';

/** Connects the parts several instances share through Redis. */
export async function connectShared(config: PlatformConfig): Promise<SharedParts> {
  throw new Error(`REDIS_URL is set (${config.redisUrl}) but the Redis parts are not wired yet`);
}
