// The embed package is built into /embed.js and its modules by build.mjs; nothing is imported from it at run time.
export type { EmbedContext } from './runtime';
