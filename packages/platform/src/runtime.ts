import { createPlatform, type Platform } from './platform';
import type { PlatformConfigInput } from './config';
import { holdExitUntil } from './exitHold';
import { recordPeerAddresses } from './network/peerAddress';

// Next.js bundles route handlers and instrumentation separately, so a plain
// module-level singleton could exist twice; globalThis holds the one platform.
const KEY = Symbol.for('quoteline.platform');
type Holder = { [KEY]?: Promise<Platform> };

/**
 * The process's one platform, created on first use and closed on SIGTERM/SIGINT so open streams end and the process exits.
 * It also starts recording each request's TCP peer (the app starts it from instrumentation, before serving).
 */
export function getPlatform(config: () => PlatformConfigInput): Promise<Platform> {
  const holder = globalThis as Holder;
  if (!holder[KEY]) {
    recordPeerAddresses();
    holder[KEY] = createPlatform(config());
    holder[KEY].then((platform) => {
      const stop = (signal: NodeJS.Signals) => {
        const done = platform.shutdown();
        holdExitUntil(done);
        void done.finally(() => process.kill(process.pid, signal));
      };
      process.once('SIGTERM', stop);
      process.once('SIGINT', stop);
    }).catch(() => undefined);
  }
  return holder[KEY];
}
