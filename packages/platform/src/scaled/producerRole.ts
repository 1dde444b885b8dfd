/**
 * Whether this instance is the one feed producer: it runs the simulator timers,
 * replays and limit-order matching. Alone, an instance always is; in the scaled
 * shape a lease in Redis decides (and fences what the producer publishes).
 */
export interface ProducerRole {
  readonly active: boolean;
  /** Called with true when this instance becomes the producer, false when it stops being it. */
  onChange(listener: (active: boolean) => void): () => void;
  /** Gives the role up (shutdown). */
  stop(): Promise<void>;
}

/** The embedded default: one instance, always the producer. */
export const soleProducer: ProducerRole = {
  active: true,
  onChange: () => () => undefined,
  stop: async () => undefined,
};
