import type { Db } from '@quoteline/db';

/** One admin change as the console lists it. */
export interface AuditEntry {
  id: string;
  actor: string;
  action: string;
  target: string;
  details: unknown;
  at: string;
}

/** Who changed what and when: every admin change is recorded here (kept in the database, shown in the console). */
export class AuditLog {
  constructor(private readonly db: Db) {}

  /** Records an admin change. */
  async record(actor: string, action: string, target: string, details?: unknown): Promise<void> {
    await this.db.auditEntry.create({
      data: { actor, action, target, details: details === undefined ? null : JSON.stringify(details) },
    });
  }

  /** The newest entries, newest first. */
  async recent(take = 100): Promise<AuditEntry[]> {
    const rows = await this.db.auditEntry.findMany({ orderBy: { createdAt: 'desc' }, take });
    return rows.map((r) => ({
      id: r.id,
      actor: r.actor,
      action: r.action,
      target: r.target,
      details: r.details ? (JSON.parse(r.details) as unknown) : null,
      at: r.createdAt.toISOString(),
    }));
  }
}
