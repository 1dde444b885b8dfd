import { createPlatform, type Platform } from './platform';
import type { PlatformConfigInput } from './config';
import { holdExitUntil } from './exitHold';
import { recordPeerAddresses } from './network/peerAddress';

// Next.js bundles route handlers and instrumentation separately, so a plain
// module-level singleton could exist twice; globalThis holds the one platform.
const KEY = Symbol.for('quoteline.platform');
type Holder = { [KEY]?: { platform: Promise<Platform> | null; failedAt: number } };

/** How soon after a failed start (e.g. the database was down) a request may try again. */
const RETRY_START_MS = 1_000;

/**
 * The process's one platform, created on first use and closed on SIGTERM/SIGINT so open streams end and the process exits.
 * A start that fails (the database or Redis unreachable at boot) is tried again by a later request, at most once a
 * second, so an instance started during an outage becomes ready when it ends instead of failing until restarted.
 * It also starts recording each request's TCP peer (the app starts it from instrumentation, before serving).
 */
export function getPlatform(config: () => PlatformConfigInput): Promise<Platform> {
  const holder = globalThis as Holder;
  const state = (holder[KEY] ??= { platform: null, failedAt: 0 });
  if (state.platform) return state.platform;
  if (Date.now() - state.failedAt < RETRY_START_MS)
    return Promise.reject(new Error('the platform failed to start a moment ago'));
  recordPeerAddresses();
  const starting = createPlatform(config());
  state.platform = starting;
  starting.then(
    (platform) => {
      const stop = (signal: NodeJS.Signals) => {
        const done = platform.shutdown();
        holdExitUntil(done);
        void done.finally(() => process.kill(process.pid, signal));
      };
      process.once('SIGTERM', stop);
      process.once('SIGINT', stop);
    },
    (error: unknown) => {
      console.error(
        'quoteline: the platform could not start; a later request tries again',
        error instanceof Error ? error.message : error,
      );
      state.platform = null;
      state.failedAt = Date.now();
    },
  );
  return starting;
}
