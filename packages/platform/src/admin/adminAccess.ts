import { QuotelineError } from '@quoteline/protocol';
import { assertSameOrigin } from '../http/sameOrigin';
import type { Platform } from '../platform';
import type { Principal } from '../sessions/principal';
import { principalOf } from '../sessions/sessionRoutes';

/** A signed-in admin: what every admin service method is given, and names in the audit log. */
export type Admin = NonNullable<Principal> & { role: 'admin' };

/** Admin routes need a signed-in admin: 401 signed out, 403 for traders. */
export function requireAdmin(principal: Principal): Admin {
  if (!principal) throw new QuotelineError('unauthorized', 'Sign in as an admin.');
  if (principal.role !== 'admin') throw new QuotelineError('forbidden', 'Only admins may change feeds.');
  return principal as Admin;
}

/** A state-changing admin request: our own Origin, signed in, an admin. Admin routes call it before reading any body. */
export async function adminOf(platform: Platform, request: Request): Promise<Admin> {
  assertSameOrigin(platform, request);
  return requireAdmin(await principalOf(platform, request));
}

/** A reading admin request (no Origin check, as for any GET): signed in, an admin. */
export async function readingAdminOf(platform: Platform, request: Request): Promise<Admin> {
  return requireAdmin(await principalOf(platform, request));
}
