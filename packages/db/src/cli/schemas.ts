// Derives prisma/<provider>/schema.prisma from prisma/models.prisma; `--check` exits 1 on drift (for CI).
import { repoRoot } from '../repoRoot';
import { syncSchemas } from './schemaFiles';

const results = syncSchemas(repoRoot(), process.argv.includes('--check'));
for (const { file, state } of results) {
  if (state === 'differs')
    console.error(`${file}: differs from prisma/models.prisma (run: npm run schemas -w @quoteline/db)`);
  else console.log(`${file}: ${state}`);
}
process.exit(results.some((result) => result.state === 'differs') ? 1 : 0);
