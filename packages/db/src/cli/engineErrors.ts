import type { ErrorRegistry } from '@prisma/driver-adapter-utils';

/** Replaces "External error id#N" with the driver's real error, which the engine otherwise hides. */
export function explainEngineError(error: unknown, registries: (ErrorRegistry | undefined)[]): string {
  const full = error instanceof Error ? error.message : String(error);
  // The engine appends a Rust span trace ("   0: sql_schema_connector::..."); keep it only when debugging.
  const message = process.env.DEBUG ? full : full.split(/\n\s+0: /)[0]!;
  return message.replace(/External error id#(\d+)/g, (match, id: string) => {
    const record = registries.map((registry) => registry?.consumeError(Number(id))).find(Boolean);
    if (!record) return match;
    const real = record.error;
    return `${match} (${real instanceof Error ? `${real.name}: ${real.message}` : String(real)})`;
  });
}

/** True for quirk 2: a fresh SQLite database has no _prisma_migrations table yet. */
export function isMissingMigrationsTable(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return message.includes('_prisma_migrations') && /does not exist/i.test(message);
}
