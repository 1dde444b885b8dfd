import type { Db } from '@quoteline/db';

/** Records an admin change (kept in the database, shown in the console). */
export async function audit(db: Db, actor: string, action: string, target: string, details?: unknown): Promise<void> {
  await db.auditEntry.create({ data: { actor, action, target, details: details === undefined ? null : JSON.stringify(details) } });
}

/** The newest audit entries, newest first. */
export async function recentAudit(db: Db, take = 100) {
  const rows = await db.auditEntry.findMany({ orderBy: { createdAt: 'desc' }, take });
  return rows.map((r) => ({ id: r.id, actor: r.actor, action: r.action, target: r.target, details: r.details ? (JSON.parse(r.details) as unknown) : null, at: r.createdAt.toISOString() }));
}
