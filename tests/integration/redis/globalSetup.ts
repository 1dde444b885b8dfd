import { ensureDebianPackages } from '../../../scripts/system.mjs';

/** Debian's redis-server must be there; each test file starts its own private server with it. */
export default async function setup() {
  await ensureDebianPackages(['redis-server']);
}
