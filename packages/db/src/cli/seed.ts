// Seeds the demo feed into DATABASE_URL (default .data/quoteline.db); run migrate:deploy first.
import { createDb } from '../client';
import { redactPassword, resolveDatabaseUrl } from '../databaseUrl';
import { seed } from '../seed';

const databaseUrl = resolveDatabaseUrl();
const db = createDb(databaseUrl);
try {
  const result = await seed(db);
  console.log(
    `Seeded ${result.feeds} feeds with ${result.instruments} instruments into ${redactPassword(databaseUrl)}`,
  );
} catch (error) {
  console.error(`Seed failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await db.$disconnect();
}
