/**
 * Orders two stream ids of the same epoch (`<epoch>:<position>`, the position
 * being digits, or digits-digits for a Redis log). Ids of different epochs are
 * not comparable: null. Clients use this only for read-your-writes checks.
 */
export function compareEventIds(a: string, b: string): number | null {
  const [ea, pa] = split(a);
  const [eb, pb] = split(b);
  if (ea === null || ea !== eb) return null;
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

function split(id: string): [string | null, number[]] {
  const colon = id.lastIndexOf(':');
  if (colon <= 0) return [null, []];
  const parts = id
    .slice(colon + 1)
    .split('-')
    .map(Number);
  return parts.every(Number.isSafeInteger) ? [id.slice(0, colon), parts] : [null, []];
}
