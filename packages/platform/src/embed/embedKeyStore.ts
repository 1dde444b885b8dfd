import { randomBytes } from 'node:crypto';
import type { Db } from '@quoteline/db';
import { embedKeyRequestSchema } from '@quoteline/protocol';
import type { z } from 'zod';

/** A new embed key's grants, validated the same way by the CLI, the seed and the admin console (the protocol's schema). */
export const newEmbedKeySchema = embedKeyRequestSchema;

/** Creates an embed key; `key` may be fixed (the demo seed), else a fresh `pk_` + 24 random bytes. */
export async function createEmbedKey(
  db: Db,
  input: z.input<typeof newEmbedKeySchema>,
  key = `pk_${randomBytes(24).toString('base64url')}`,
) {
  const k = newEmbedKeySchema.parse(input);
  return db.embedKey.create({
    data: {
      key,
      label: k.label,
      allowedOrigins: JSON.stringify(k.origins),
      allowedFeeds: JSON.stringify(k.feeds),
      allowedSymbols: k.symbols ? JSON.stringify(k.symbols) : null,
    },
  });
}

/** Revokes a key: its open streams close within seconds (`watchGrants` notices). */
export async function revokeEmbedKey(db: Db, key: string): Promise<boolean> {
  const { count } = await db.embedKey.updateMany({ where: { key, revokedAt: null }, data: { revokedAt: new Date() } });
  return count === 1;
}

/** The demo key of the embedded default: localhost pages only, the demo feed only. */
export const DEMO_EMBED_KEY = {
  key: 'pk_demo_localhost_only',
  label: 'Local demo (localhost only)',
  origins: ['http://localhost:*', 'http://127.0.0.1:*'],
  feeds: ['demo'],
} as const;
