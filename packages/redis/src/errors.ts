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
