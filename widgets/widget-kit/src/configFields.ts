// Widget configs are validated with zod/mini: the same zod, tree-shakable, so
// embeds on third-party pages do not carry the full library. The name shapes
// come from the protocol's patterns, the one source of them.
import * as z from 'zod/mini';
import { FEED_SLUG_PATTERN, SYMBOL_PATTERN } from '@quoteline/protocol/patterns';

/** A feed slug field, `demo` when absent. */
export const feedField = () =>
  z._default(
    z.string().check(z.regex(FEED_SLUG_PATTERN, 'a feed is 1-32 lowercase letters, digits or dashes')),
    'demo',
  );

/** A symbol field. */
export const symbolField = () =>
  z.string().check(z.regex(SYMBOL_PATTERN, 'a symbol is 1-12 uppercase letters, digits, dots or dashes'));

/** A widget title, `fallback` when absent. */
export const titleField = (fallback: string) => z._default(z.string().check(z.maxLength(80)), fallback);
