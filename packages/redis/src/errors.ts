/** Which lease a fenced append must still hold: the lease key and the token it was granted. */
export interface Fence {
  key: string;
  token: string;
}

/**
 * A fenced append was refused: the lease no longer holds this token (it expired
 * and another instance took it, or Redis lost it). The caller must stop producing.
 */
export class FenceRejectedError extends Error {
  readonly code = 'fenced';

  constructor(readonly fence: Fence) {
    super(`The producer lease ${fence.key} is no longer held with token ${fence.token}; stop publishing.`);
    this.name = 'FenceRejectedError';
  }
}

// What ioredis rejects a command with while the server is unreachable (our connections never queue offline).
const UNREACHABLE_MESSAGES = [
  /^Connection is closed\.$/,
  /^Command timed out$/,
  /^Stream isn't writeable/,
  /^Reached the max retries per request limit/,
];

/** True when `error` says Redis could not be reached (down, restarting, or not answering), not that a command was wrong. */
export function isRedisUnreachable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return (
    error.name === 'MaxRetriesPerRequestError' || UNREACHABLE_MESSAGES.some((pattern) => pattern.test(error.message))
  );
}
