import type { Db } from '@quoteline/db';
import { z } from 'zod';
import { hashPassword } from './passwords';

/** A new user's details, validated the same way by the CLI and the demo seed. */
export const newUserSchema = z.object({
  email: z.string().trim().toLowerCase().email().max(254),
  password: z.string().min(10, 'use at least 10 characters').max(200),
  role: z.enum(['trader', 'admin']).default('trader'),
  /** starting cash in cents */
  cash: z.bigint().nonnegative().default(10_000_000n),
});

/** Creates a user with an account, or updates the password and role of an existing one (idempotent). */
export async function upsertUser(
  db: Db,
  input: z.input<typeof newUserSchema>,
): Promise<{ id: string; email: string; created: boolean }> {
  const user = newUserSchema.parse(input);
  const passwordHash = await hashPassword(user.password);
  const existing = await db.user.findUnique({ where: { email: user.email } });
  if (existing) {
    await db.user.update({ where: { id: existing.id }, data: { passwordHash, role: user.role } });
    return { id: existing.id, email: user.email, created: false };
  }
  const created = await db.user.create({
    data: { email: user.email, passwordHash, role: user.role, account: { create: { cash: user.cash } } },
  });
  return { id: created.id, email: user.email, created: true };
}

/** Demo accounts of the embedded default, for local use only (never seeded when scaled). */
export const DEMO_USERS = [
  { email: 'trader@example.com', password: 'quoteline-trader', role: 'trader' },
  { email: 'admin@example.com', password: 'quoteline-admin', role: 'admin' },
] as const;
