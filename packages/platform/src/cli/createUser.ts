// Creates (or resets the password of) a user: the way scaled deployments get
// users, since they seed no passwords.
//   npm run user:create -- --email ops@example.com --role admin   (password read from stdin)
import { parseArgs } from 'node:util';
import { createDb } from '@quoteline/db/client';
import { resolveDatabaseUrl } from '@quoteline/db';
import { parsePrice } from '@quoteline/trading';
import { upsertUser } from '../sessions/users';
import { MONEY_SCALE } from '../money';

const { values } = parseArgs({
  options: {
    email: { type: 'string' },
    role: { type: 'string', default: 'trader' },
    cash: { type: 'string', default: '100000.00' },
  },
});

async function readPassword(): Promise<string> {
  if (process.env.QUOTELINE_PASSWORD) return process.env.QUOTELINE_PASSWORD;
  if (process.stdin.isTTY) process.stdout.write('Password (at least 10 characters): ');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) {
    chunks.push(chunk as Buffer);
    if (process.stdin.isTTY && String(chunk).includes('\n')) break;
  }
  return Buffer.concat(chunks).toString('utf8').split('\n')[0]!.trim();
}

const cashMinor = parsePrice(values.cash!, MONEY_SCALE);
const cash = cashMinor === null ? null : BigInt(cashMinor);
if (!values.email || cash === null) {
  console.error(
    'Usage: npm run user:create -- --email EMAIL [--role trader|admin] [--cash 100000.00]  (password on stdin or QUOTELINE_PASSWORD)',
  );
  process.exit(2);
}
const db = createDb(resolveDatabaseUrl());
try {
  const user = await upsertUser(db, {
    email: values.email,
    password: await readPassword(),
    role: values.role as 'trader' | 'admin',
    cash,
  });
  console.log(`${user.created ? 'Created' : 'Updated'} ${user.email}`);
} catch (error) {
  console.error(`Could not create the user: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await db.$disconnect();
}
