import { join } from 'node:path';
import { repoRoot } from './repoRoot';

/** Database providers the derived schemas and migration folders exist for. */
export type Provider = 'sqlite' | 'postgresql';

/** Every provider, in the order the schemas are derived. */
export const providers: readonly Provider[] = ['sqlite', 'postgresql'];

/** Where each provider's schema and migrations live, so every command agrees on one layout. */
export function providerPaths(provider: Provider, root: string = repoRoot()) {
  const dir = join(root, 'prisma', provider);
  return {
    modelsFile: join(root, 'prisma', 'models.prisma'),
    schemaFile: join(dir, 'schema.prisma'),
    migrationsDir: join(dir, 'migrations'),
  };
}

/** Narrows a command-line value to a Provider, with a clear message otherwise. */
export function parseProvider(value: string): Provider {
  if ((providers as readonly string[]).includes(value)) return value as Provider;
  throw new Error(`Unknown provider "${value}" (expected ${providers.join(' or ')})`);
}
