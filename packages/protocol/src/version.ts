/** Bumped on any incompatible change to frames, events or requests; sent in `ready`. */
export const PROTOCOL_VERSION = 2;
