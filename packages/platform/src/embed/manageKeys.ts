import { randomBytes } from 'node:crypto';
import type { Db } from '@quoteline/db';
import { feedSlugSchema, symbolSchema } from '@quoteline/protocol';
import { z } from 'zod';
import { isOriginPattern } from './originPattern';

/** A new embed key's grants, validated the same way by the CLI, the seed and (later) the admin console. */
export const newEmbedKeySchema = z.object({
  label: z.string().trim().min(1).max(80),
  origins: z.array(z.string().refine(isOriginPattern, 'an origin like https://example.com, http://localhost:* or https://*.example.com')).min(1).max(50),
  feeds: z.array(feedSlugSchema).min(1).max(50),
  symbols: z.array(symbolSchema).max(500).nullable().default(null),
});

/** Creates an embed key; `key` may be fixed (the demo seed), else a fresh `pk_` + 24 random bytes. */
export async function createEmbedKey(db: Db, input: z.input<typeof newEmbedKeySchema>, key = `pk_${randomBytes(24).toString('base64url')}`) {
  const k = newEmbedKeySchema.parse(input);
  return db.embedKey.create({
    data: { key, label: k.label, allowedOrigins: JSON.stringify(k.origins), allowedFeeds: JSON.stringify(k.feeds), allowedSymbols: k.symbols ? JSON.stringify(k.symbols) : null },
  });
}

/** Revokes a key: its open streams close within seconds (see revocation.ts). */
export async function revokeEmbedKey(db: Db, key: string): Promise<boolean> {
  const { count } = await db.embedKey.updateMany({ where: { key, revokedAt: null }, data: { revokedAt: new Date() } });
  return count === 1;
}

/** The demo key of the embedded default: localhost pages only, the demo feed only. */
export const DEMO_EMBED_KEY = { key: 'pk_demo_localhost_only', label: 'Local demo (localhost only)', origins: ['http://localhost:*', 'http://127.0.0.1:*'], feeds: ['demo'] } as const;
