import type { Db } from '@quoteline/db';
import { QuotelineError } from '@quoteline/protocol';
import { z } from 'zod';
import { originAllowed } from './originPattern';

/** What an embed key grants, once checked against the requesting origin. */
export interface EmbedGrant {
  keyId: string;
  /** the public `pk_…` value, to look the key up again while its streams live */
  key: string;
  origin: string;
  feeds: string[];
  /** null: every symbol of the allowed feeds */
  symbols: string[] | null;
}

/** An embed key a request names, and the Origin of the page that sent it: what `EmbedKeys.grant` checks. */
export interface EmbedCaller {
  key: string;
  origin: string | null;
}

const listSchema = z.array(z.string());

/** An embed key's row as the checks need it. */
export interface EmbedKeyRow {
  id: string;
  origins: string[];
  feeds: string[];
  symbols: string[] | null;
  revoked: boolean;
}

interface CachedKey extends EmbedKeyRow {
  at: number;
}

/** How long a key's row is trusted before it is read again; revocations take effect within this. */
const CACHE_MS = 2_000;

/**
 * Embed keys from the database, checked on every embedded stream and on every
 * topic added to one. Refusals are 403 `forbidden` and never say which part
 * failed to an unknown page.
 */
export class EmbedKeys {
  private readonly cache = new Map<string, CachedKey>();

  constructor(private readonly db: Db) {}

  /** Checks key + Origin and returns the grant; throws 403 otherwise. Which topics it allows is the topic directory's question. */
  async grant(key: string, origin: string | null): Promise<EmbedGrant> {
    const row = await this.load(key);
    if (!row || row.revoked || !originAllowed(origin, row.origins)) throw refused();
    return { keyId: row.id, key, origin: origin!, feeds: row.feeds, symbols: row.symbols };
  }

  /** The feeds a key allows now (cached for a moment); null when it is revoked or gone. */
  async feedsOf(key: string): Promise<string[] | null> {
    const row = await this.load(key);
    return row && !row.revoked ? row.feeds : null;
  }

  /** The current rows of the given keys, read fresh from the database (a key missing from the map is gone). */
  async rowsById(keyIds: readonly string[]): Promise<Map<string, EmbedKeyRow>> {
    if (keyIds.length === 0) return new Map();
    const rows = await this.db.embedKey.findMany({ where: { id: { in: [...keyIds] } } });
    return new Map(rows.map((row) => [row.id, toRow(row)]));
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
    const entry: CachedKey = { ...toRow(row), at: Date.now() };
    this.cache.set(key, entry);
    if (this.cache.size > 10_000) this.cache.delete(this.cache.keys().next().value!);
    return entry;
  }
}

function toRow(row: {
  id: string;
  allowedOrigins: string;
  allowedFeeds: string;
  allowedSymbols: string | null;
  revokedAt: Date | null;
}): EmbedKeyRow {
  const parse = (json: string | null) => (json === null ? null : listSchema.parse(JSON.parse(json)));
  return {
    id: row.id,
    origins: parse(row.allowedOrigins)!,
    feeds: parse(row.allowedFeeds)!,
    symbols: parse(row.allowedSymbols),
    revoked: row.revokedAt !== null,
  };
}

function refused(): QuotelineError {
  return new QuotelineError(
    'forbidden',
    'This embed key does not allow this site. The key owner can add the site to the key.',
  );
}

/** CORS headers for an allowed embedding origin: that exact origin, never `*`, no credentials. */
export function corsHeaders(origin: string): Record<string, string> {
  return { 'Access-Control-Allow-Origin': origin, Vary: 'Origin' };
}
