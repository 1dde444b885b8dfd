// Sets up whatever is missing for `npm start` / `npm test`, each step once:
// system packages (tests only), npm dependencies, Prisma client, database, build.
// A second run skips finished steps. Usage: node scripts/setup.mjs [--browser]
import { mkdirSync } from 'node:fs';
import { at, bin, hashFiles, migrateAndSeed, readStamp, run, step, writeStamp, QUIET_ENV } from './lib.mjs';
import { requireSupportedNode } from './nodeVersion.mjs';
import { ensureDebianPackages, missingDebianPackages } from './system.mjs';

/**
 * Runs every setup step; with `browser`, also installs Debian's chromium for
 * end-to-end tests; `skipDatabase` leaves the database to the caller (the scaled shape migrates its PostgreSQL).
 */
export async function setup({ browser = false, databaseUrl = QUIET_ENV.DATABASE_URL, skipDatabase = false } = {}) {
  const total = 3 + (browser ? 1 : 0) + (skipDatabase ? 0 : 1);
  let n = 0;
  const env = { ...QUIET_ENV, ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) };

  if (browser) {
    // The tests run a real browser and the scaled shape's real servers.
    const packages = ['chromium', 'nginx', 'redis-server', 'postgresql'];
    await step(++n, total, `System packages (${packages.join(', ')}; apt-get when missing)`, {
      skip: () => (missingDebianPackages(packages).length === 0 ? 'all installed' : null),
      work: () => ensureDebianPackages(packages),
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
  const schemaHash = hashFiles([
    at('prisma', 'sqlite', 'schema.prisma'),
    at('prisma', 'postgresql', 'schema.prisma'),
    at('package-lock.json'),
  ]);
  await step(++n, total, 'Prisma client (prisma generate)', {
    skip: () => (readStamp(schemaStamp) === schemaHash ? 'schema unchanged' : null),
    work: async () => {
      await run('npm', ['run', 'generate', '-w', '@quoteline/db']);
      writeStamp(schemaStamp, schemaHash);
    },
  });

  if (!skipDatabase) {
    await step(++n, total, 'Database (apply migrations, seed the demo feed)', {
      work: async () => {
        mkdirSync(at('.data'), { recursive: true });
        await migrateAndSeed(env);
      },
    });
  }

  await step(++n, total, 'Build (turbo; cached after the first run)', {
    work: () => run(bin('turbo'), ['run', 'build', '--filter=@quoteline/web', '--output-logs=errors-only']),
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  requireSupportedNode();
  setup({ browser: process.argv.includes('--browser') }).catch((error) => {
    console.error(`\nSetup failed: ${error.message}`);
    process.exit(1);
  });
}
