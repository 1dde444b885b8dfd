// SSE ids of the Redis log: `<epoch>:<stream id>`, the stream id being Redis's
// `<ms>-<seq>`. The protocol's compareEventIds already orders such positions.

/** The stream position before any entry: a log's origin. */
export const ORIGIN = '0-0';

const EVENT_ID = /^([A-Za-z0-9_-]{1,32}):(\d{1,15}-\d{1,15})$/;
const STREAM_ID = /^(\d{1,15})-(\d{1,15})$/;

/** Splits an SSE id into its epoch and stream id; null when it is not one of ours. */
export function parseEventId(id: string): { epoch: string; streamId: string } | null {
  const m = EVENT_ID.exec(id);
  return m ? { epoch: m[1]!, streamId: m[2]! } : null;
}

/** The SSE id of a stream entry of an epoch. */
export function formatEventId(epoch: string, streamId: string): string {
  return `${epoch}:${streamId}`;
}

/** Orders two stream ids (negative when `a` comes first); an unparsable id sorts first. */
export function compareStreamIds(a: string, b: string): number {
  const x = STREAM_ID.exec(a);
  const y = STREAM_ID.exec(b);
  if (!x || !y) return (x ? 1 : 0) - (y ? 1 : 0);
  return Number(x[1]) - Number(y[1]) || Number(x[2]) - Number(y[2]);
}
