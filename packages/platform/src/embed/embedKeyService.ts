import type { Db } from '@quoteline/db';
import { invalid, QuotelineError, type EmbedKeyListing } from '@quoteline/protocol';
import type { Admin } from '../admin/adminAccess';
import type { AuditLog } from '../admin/auditLog';
import type { EmbedKeys } from './embedKeys';
import { createEmbedKey, newEmbedKeySchema, revokeEmbedKey } from './embedKeyStore';

/** What managing embed keys needs from the platform. */
export interface EmbedKeyServiceDeps {
  db: Db;
  /** The checks' cache, forgotten after a change made here. */
  keys: Pick<EmbedKeys, 'invalidate'>;
  /** Ends this instance's streams of these (revoked) keys now; other instances notice within their revocation check. */
  endStreams(keyIds: ReadonlySet<string>): number;
  audit: Pick<AuditLog, 'record'>;
}

/** Embed keys as admins manage them: listed, created and revoked, each change audited. */
export class EmbedKeyService {
  constructor(private readonly deps: EmbedKeyServiceDeps) {}

  /** Every key with its grants, newest first. */
  async list(): Promise<EmbedKeyListing[]> {
    const keys = await this.deps.db.embedKey.findMany({ orderBy: { createdAt: 'desc' } });
    return keys.map((k) => ({
      key: k.key,
      label: k.label,
      origins: JSON.parse(k.allowedOrigins) as string[],
      feeds: JSON.parse(k.allowedFeeds) as string[],
      symbols: k.allowedSymbols ? (JSON.parse(k.allowedSymbols) as string[]) : null,
      revokedAt: k.revokedAt?.toISOString() ?? null,
      createdAt: k.createdAt.toISOString(),
    }));
  }

  /** A new key from `{label, origins, feeds, symbols?}`; its `pk_` value is in the answer (and listed). */
  async create(admin: Admin, body: unknown): Promise<{ key: string; label: string }> {
    const parsed = newEmbedKeySchema.safeParse(body);
    if (!parsed.success) throw invalid('invalid_body', 'The embed key is not valid.', parsed.error.issues);
    const row = await createEmbedKey(this.deps.db, parsed.data);
    await this.deps.audit.record(admin.email, 'embed_key.create', row.key, {
      label: row.label,
      origins: parsed.data.origins,
      feeds: parsed.data.feeds,
    });
    return { key: row.key, label: row.label };
  }

  /** Revokes a key; its open streams close within seconds. */
  async revoke(admin: Admin, key: string): Promise<void> {
    const row = await this.deps.db.embedKey.findUnique({ where: { key } });
    if (!row || !(await revokeEmbedKey(this.deps.db, key)))
      throw new QuotelineError('not_found', 'No active embed key has this value.');
    this.deps.keys.invalidate();
    // This instance closes the key's streams now; others within the revocation watcher's interval.
    this.deps.endStreams(new Set([row.id]));
    await this.deps.audit.record(admin.email, 'embed_key.revoke', key);
  }
}
