/** Machine-readable error codes of the public surface, with the HTTP status each maps to. */
export const ERROR_CODES = {
  bad_request: 400,
  invalid_topic: 400,
  invalid_symbol: 400,
  invalid_interval: 400,
  invalid_body: 400,
  invalid_price: 400,
  idempotency_key_required: 400,
  unauthorized: 401,
  invalid_credentials: 401,
  forbidden: 403,
  not_found: 404,
  unknown_topic: 404,
  unknown_symbol: 404,
  unknown_feed: 404,
  not_acceptable: 406,
  conflict: 409,
  feed_paused: 409,
  market_closed: 409,
  duplicate_symbol: 409,
  duplicate_feed: 409,
  confirmation_required: 409,
  not_a_push_feed: 409,
  not_a_replay_feed: 409,
  order_not_open: 409,
  idempotency_key_in_flight: 409,
  payload_too_large: 413,
  unprocessable: 422,
  insufficient_funds: 422,
  insufficient_position: 422,
  idempotency_key_reused: 422,
  too_many_requests: 429,
  internal: 500,
  unavailable: 503,
} as const;

/** One of the error codes. */
export type ErrorCode = keyof typeof ERROR_CODES;

/** One validation problem, pointing at the offending field. */
export interface ErrorIssue {
  path: (string | number)[];
  message: string;
}

/** One topic a stream request refused (the same shape as `TopicRefusal`; declared here so errors.ts imports nothing). */
export interface RefusedTopic {
  topic: string;
  code: ErrorCode;
  message: string;
}

/** The JSON body of every error response. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; issues?: ErrorIssue[]; refused?: RefusedTopic[] };
}

// Bundlers (Next.js) may load this module more than once; a registered symbol
// lets `instanceof` recognise errors made by any copy.
const BRAND = Symbol.for('quoteline.error');

/** The one error class of the domain boundary: carries a code, a message for people and optional issues. */
export class QuotelineError extends Error {
  readonly [BRAND] = true;
  readonly code: ErrorCode;
  readonly issues: ErrorIssue[] | undefined;
  /** Every refused topic, when a stream request failed because all of its topics were refused. */
  readonly refused: RefusedTopic[] | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    options?: { issues?: ErrorIssue[]; refused?: RefusedTopic[]; cause?: unknown },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'QuotelineError';
    this.code = code;
    this.issues = options?.issues;
    this.refused = options?.refused;
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as { [BRAND]?: boolean })[BRAND] === true;
  }

  /** The HTTP status this error maps to. */
  get status(): number {
    return ERROR_CODES[this.code];
  }

  /** The public JSON shape of this error. */
  toBody(): ErrorBody {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.issues ? { issues: this.issues } : {}),
        ...(this.refused ? { refused: this.refused } : {}),
      },
    };
  }

  /** Normalises anything thrown into a QuotelineError; unknown causes become `internal` without leaking details. */
  static from(cause: unknown): QuotelineError {
    if (cause instanceof QuotelineError) return cause;
    return new QuotelineError('internal', 'Something went wrong on our side; try again.', { cause });
  }
}

/** Builds a QuotelineError from zod issues, keeping each field's path and message. */
export function invalid(
  code: ErrorCode,
  message: string,
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
): QuotelineError {
  return new QuotelineError(code, message, {
    issues: issues.map((i) => ({
      path: i.path.map((p) => (typeof p === 'number' ? p : String(p))),
      message: i.message,
    })),
  });
}
