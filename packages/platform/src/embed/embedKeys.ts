import type { Db } from '@quoteline/db';
import { QuotelineError, parseTopic } from '@quoteline/protocol';
import { z } from 'zod';
import { originAllowed } from './originPattern';

/** What an embed key grants, once checked against the requesting origin. */
export interface EmbedGrant {
  keyId: string;
  origin: string;
  feeds: string[];
  /** null: every symbol of the allowed feeds */
  symbols: string[] | null;
}

const listSchema = z.array(z.string());

interface CachedKey {
  id: string;
  origins: string[];
  feeds: string[];
  symbols: string[] | null;
  revoked: boolean;
  at: number;
}

/** How long a key's row is trusted before it is read again; revocations take effect within this. */
const CACHE_MS = 2_000;

/**
 * Embed keys from the database, checked on every embedded stream. Refusals
 * are 403 `forbidden` and never say which part failed to an unknown page.
 */
export class EmbedKeys {
  private readonly cache = new Map<string, CachedKey>();

  constructor(private readonly db: Db) {}

  /** Checks key + Origin (+ topics, when given) and returns the grant; throws 403 otherwise. */
  async grant(key: string, origin: string | null, topics: readonly string[] = []): Promise<EmbedGrant> {
    const row = await this.load(key);
    if (!row || row.revoked || !originAllowed(origin, row.origins)) throw refused();
    for (const topic of topics) {
      const parsed = parseTopic(topic);
      if (!parsed || parsed.kind !== 'feed' || !row.feeds.includes(parsed.slug)) throw refused();
    }
    return { keyId: row.id, origin: origin!, feeds: row.feeds, symbols: row.symbols };
  }

  /** Ids of the given keys that are revoked or gone now (read fresh from the database). */
  async revokedAmong(keyIds: readonly string[]): Promise<string[]> {
    if (keyIds.length === 0) return [];
    const live = await this.db.embedKey.findMany({ where: { id: { in: [...keyIds] }, revokedAt: null }, select: { id: true } });
    const alive = new Set(live.map((k) => k.id));
    return keyIds.filter((id) => !alive.has(id));
  }

  /** Forgets cached rows (after an admin changed a key in this process). */
  invalidate(): void {
    this.cache.clear();
  }

  private async load(key: string): Promise<CachedKey | null> {
    if (!/^pk_[A-Za-z0-9_-]{8,64}$/.test(key)) return null;
    const cached = this.cache.get(key);
    if (cached && Date.now() - cached.at < CACHE_MS) return cached;
    const row = await this.db.embedKey.findUnique({ where: { key } });
    if (!row) {
      this.cache.delete(key);
      return null;
    }
    const parse = (json: string | null) => (json === null ? null : listSchema.parse(JSON.parse(json)));
    const entry: CachedKey = { id: row.id, origins: parse(row.allowedOrigins)!, feeds: parse(row.allowedFeeds)!, symbols: parse(row.allowedSymbols), revoked: row.revokedAt !== null, at: Date.now() };
    this.cache.set(key, entry);
    if (this.cache.size > 10_000) this.cache.delete(this.cache.keys().next().value!);
    return entry;
  }
}

function refused(): QuotelineError {
  return new QuotelineError('forbidden', 'This embed key does not allow this site or feed. The key owner can add the site to the key.');
}

/** CORS headers for an allowed embedding origin: that exact origin, never `*`, no credentials. */
export function corsHeaders(origin: string): Record<string, string> {
  return { 'Access-Control-Allow-Origin': origin, Vary: 'Origin' };
}
