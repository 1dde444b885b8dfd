import { portIsFree } from '../../scripts/servers/process.mjs';

/**
 * Hands out free ports in [first, last], a new one per server: a server on a
 * fresh port never meets the TIME_WAIT sockets the previous one left behind.
 */
export function createPortPicker(first: number, last: number): () => Promise<number> {
  let next = first;
  return async () => {
    for (let tries = 0; tries <= last - first; tries++) {
      const port = next;
      next = next >= last ? first : next + 1;
      if (await portIsFree(port)) return port;
    }
    throw new Error(`no free port in ${first}-${last}`);
  };
}
