// Derives the schemas, then runs the installed `prisma generate` for every provider (or only --provider p) with the
// schema-engine stub, so nothing is downloaded. The app picks SQLite or PostgreSQL at run time, so it needs both clients.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { parseProvider, providerPaths, providers } from '../paths';
import { repoRoot } from '../repoRoot';
import { syncSchemas } from './schemaFiles';

const { values } = parseArgs({ options: { provider: { type: 'string' } } });
const wanted = values.provider === undefined ? providers : [parseProvider(values.provider)];
const root = repoRoot();
for (const { file, state } of syncSchemas(root, false)) if (state === 'written') console.log(`${file}: written`);

const cli = join(dirname(createRequire(import.meta.url).resolve('prisma/package.json')), 'build', 'index.js');
for (const provider of wanted) {
  const result = spawnSync(process.execPath, [cli, 'generate', '--schema', providerPaths(provider, root).schemaFile], {
    cwd: root,
    stdio: 'inherit',
    env: {
      ...process.env,
      PRISMA_SCHEMA_ENGINE_BINARY: '/bin/true',
      PRISMA_HIDE_UPDATE_MESSAGE: '1',
      CHECKPOINT_DISABLE: '1',
    },
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
