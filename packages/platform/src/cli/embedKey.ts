// Embed keys from the command line (the admin console offers the same):
//   npm run embed-key -- create --label "Shop" --origins https://shop.example --feeds demo [--symbols ACME,GLOBX]
//   npm run embed-key -- revoke --key pk_...
import { parseArgs } from 'node:util';
import { createDb } from '@quoteline/db/client';
import { resolveDatabaseUrl } from '@quoteline/db';
import { createEmbedKey, revokeEmbedKey } from '../embed/embedKeyStore';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    label: { type: 'string' },
    origins: { type: 'string' },
    feeds: { type: 'string' },
    symbols: { type: 'string' },
    key: { type: 'string' },
  },
});
const list = (v: string | undefined) =>
  v
    ? v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : [];
const db = createDb(resolveDatabaseUrl());
try {
  if (positionals[0] === 'create') {
    const row = await createEmbedKey(db, {
      label: values.label ?? '',
      origins: list(values.origins),
      feeds: list(values.feeds),
      symbols: values.symbols ? list(values.symbols) : null,
    });
    console.log(row.key);
  } else if (positionals[0] === 'revoke' && values.key) {
    console.log((await revokeEmbedKey(db, values.key)) ? `Revoked ${values.key}` : `No active key ${values.key}`);
  } else {
    console.error(
      'Usage: npm run embed-key -- create --label L --origins O1,O2 --feeds F1 [--symbols S1,S2] | revoke --key pk_…',
    );
    process.exitCode = 2;
  }
} catch (error) {
  console.error(`Failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await db.$disconnect();
}
