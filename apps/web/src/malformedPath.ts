// Next.js decodes a dynamic route's path parameters with decodeURIComponent
// before any route handler runs, and answers a malformed escape (`%ZZ`, or
// escapes that are not UTF-8) with a plain-text 500. A rewrite in
// next.config.ts sends such paths to /api/bad-url instead, which answers 400
// with the JSON error shape. It is a rewrite, not proxy.ts, because a proxy
// makes Next.js read and buffer every request body for it.

const H = '[0-9a-fA-F]';
const C = '%[89abAB][0-9a-fA-F]'; // a UTF-8 continuation byte
/** One character of a path decodeURIComponent accepts: anything but `%`, or the escapes of one UTF-8 character (RFC 3629: no overlong forms, no surrogates, at most U+10FFFF). */
const WELL_FORMED = [
  '[^%]',
  `%[0-7]${H}`,
  `%[cC][2-9a-fA-F]${C}`,
  `%[dD]${H}${C}`,
  `%[eE]0%[abAB]${H}${C}`,
  `%[eE][1-9a-cA-CeEfF]${C}${C}`,
  `%[eE][dD]%[89]${H}${C}`,
  `%[fF]0%[9abAB]${H}${C}${C}`,
  `%[fF][1-3]${C}${C}${C}`,
  `%[fF]4%8${H}${C}${C}`,
].join('|');

/** A regular expression matching a path (from its first `/`) that decodeURIComponent refuses. */
export const MALFORMED_PATH = new RegExp(`^/(?!(?:${WELL_FORMED})*$)`);

/** The same test as a Next.js rewrite source (path-to-regexp syntax: one parameter over the whole path). */
export const MALFORMED_PATH_SOURCE = `/:path((?!(?:${WELL_FORMED})*$).*)`;
