import type { StreamHub } from '@quoteline/stream';
import type { EmbedKeys } from './embedKeys';

type Opener = { embed?: { keyId: string } } | null;

/**
 * Closes the streams of revoked embed keys within `intervalMs`, wherever the
 * revocation came from (admin console, CLI, another instance): the database decides.
 */
export function watchRevokedKeys(hub: StreamHub, keys: EmbedKeys, intervalMs: number): () => void {
  let running = false;
  const timer = setInterval(async () => {
    if (running) return;
    running = true;
    try {
      const inUse = [...new Set(hub.principals().flatMap((p) => ((p as Opener)?.embed ? [(p as Opener)!.embed!.keyId] : [])))];
      const revoked = new Set(await keys.revokedAmong(inUse));
      if (revoked.size) {
        keys.invalidate();
        hub.closeWhere((p) => revoked.has((p as Opener)?.embed?.keyId ?? ''), 'revoked');
      }
    } catch (error) {
      console.error('quoteline: checking revoked embed keys failed', error);
    } finally {
      running = false;
    }
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
