// The shapes of names, as plain regular expressions: the zod schemas of this
// package use them, and so do browser bundles that must not carry full zod.

/** A feed slug: lowercase letters, digits and dashes, 1-32 characters. */
export const FEED_SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?$/;
/** An instrument symbol: 1-12 uppercase letters, digits, dots or dashes. */
export const SYMBOL_PATTERN = /^[A-Z0-9][A-Z0-9.-]{0,11}$/;
/** An account id inside an `account:` topic. */
export const ACCOUNT_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
