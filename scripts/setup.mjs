// Sets up whatever is missing for `npm start` / `npm test`, each step once:
// system packages (tests only), npm dependencies, Prisma client, database, build.
// A second run skips finished steps. Usage: node scripts/setup.mjs [--browser]
import { existsSync, mkdirSync } from 'node:fs';
import { at, bin, hashFiles, readStamp, run, step, writeStamp, QUIET_ENV } from './lib.mjs';
import { postgresBinDir } from './servers/postgres.mjs';
import { ensureDebianPackages } from './system.mjs';

function postgresInstalled() {
  try {
    return Boolean(postgresBinDir());
  } catch {
    return false;
  }
}

/** Runs every setup step; with `browser` (the tests), also installs Debian's chromium and postgresql for them. */
export async function setup({ browser = false, databaseUrl = QUIET_ENV.DATABASE_URL } = {}) {
  const total = browser ? 5 : 4;
  let n = 0;
  const env = { ...QUIET_ENV, ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) };

  if (browser) {
    await step(++n, total, 'System packages (chromium for browser tests, postgresql for the PostgreSQL suites)', {
      skip: () => (existsSync('/usr/bin/chromium') && postgresInstalled() ? 'chromium and postgresql are installed' : null),
      work: () => ensureDebianPackages(['chromium', 'postgresql']),
    });
  }

  const lockStamp = at('node_modules', '.quoteline-lock-hash');
  const lockHash = hashFiles([at('package-lock.json')]);
  await step(++n, total, 'npm dependencies (npm ci; builds better-sqlite3, about 2 min the first time)', {
    skip: () => (readStamp(lockStamp) === lockHash ? 'package-lock.json unchanged' : null),
    work: async () => {
      await run('npm', ['ci', '--no-audit', '--no-fund']);
      writeStamp(lockStamp, lockHash);
    },
  });

  const schemaStamp = at('packages', 'db', 'src', 'generated', '.schema-hash');
  const schemaHash = hashFiles([at('prisma', 'sqlite', 'schema.prisma'), at('prisma', 'postgresql', 'schema.prisma'), at('package-lock.json')]);
  await step(++n, total, 'Prisma client (prisma generate)', {
    skip: () => (readStamp(schemaStamp) === schemaHash ? 'schema unchanged' : null),
    work: async () => {
      await run('npm', ['run', 'generate', '-w', '@quoteline/db']);
      writeStamp(schemaStamp, schemaHash);
    },
  });

  await step(++n, total, 'Database (apply migrations, seed the demo feed)', {
    work: async () => {
      mkdirSync(at('.data'), { recursive: true });
      await run(bin('tsx'), ['packages/db/src/cli/migrate.ts', 'deploy'], { env });
      await run(bin('tsx'), ['packages/platform/src/cli/seed.ts'], { env });
    },
  });

  await step(++n, total, 'Build (turbo; cached after the first run)', {
    work: () => run(bin('turbo'), ['run', 'build', '--filter=@quoteline/web', '--output-logs=errors-only']),
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  setup({ browser: process.argv.includes('--browser') }).catch((error) => {
    console.error(`\nSetup failed: ${error.message}`);
    process.exit(1);
  });
}
