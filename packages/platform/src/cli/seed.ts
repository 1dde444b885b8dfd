// Seeds the embedded demo: the demo and fx feeds with a simulated past for their charts (unless --no-demo-history) and, unless --no-demo-users, the demo accounts and demo embed key.
// Run migrate:deploy first. Existing users keep their cash and history.
import { createDb } from '@quoteline/db/client';
import { resolveDatabaseUrl } from '@quoteline/db';
import { seed, seededFeeds } from '@quoteline/db/seed';
import { seedSimulatedHistory } from '../candles/demoHistory';
import { DEMO_USERS, upsertUser } from '../sessions/users';
import { createEmbedKey, DEMO_EMBED_KEY } from '../embed/embedKeyStore';

const databaseUrl = resolveDatabaseUrl();
const db = createDb(databaseUrl);
try {
  const result = await seed(db);
  console.log(`Seeded feeds ${seededFeeds.map((f) => f.feed.slug).join(', ')} with ${result.instruments} instruments`);
  let candles = 0;
  if (!process.argv.includes('--no-demo-history'))
    for (const { feed } of seededFeeds) candles += await seedSimulatedHistory(db, feed.slug);
  if (candles > 0) console.log(`Simulated ${candles} candles of past prices for the demo's charts`);
  if (!process.argv.includes('--no-demo-users')) {
    for (const user of DEMO_USERS) {
      const existing = await db.user.findUnique({ where: { email: user.email } });
      if (!existing) await upsertUser(db, user);
    }
    console.log(`Demo accounts: ${DEMO_USERS.map((u) => `${u.email} / ${u.password}`).join(', ')}`);
    if (!(await db.embedKey.findUnique({ where: { key: DEMO_EMBED_KEY.key } }))) {
      const { key, ...grants } = DEMO_EMBED_KEY;
      await createEmbedKey(db, { ...grants, origins: [...grants.origins], feeds: [...grants.feeds] }, key);
    }
    console.log(`Demo embed key: ${DEMO_EMBED_KEY.key} (${DEMO_EMBED_KEY.origins.join(', ')})`);
  }
} catch (error) {
  console.error(`Seed failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await db.$disconnect();
}
