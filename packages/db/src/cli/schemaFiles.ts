import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { providerPaths, providers } from '../paths';
import { deriveSchema } from './deriveSchema';

/** What happened to one derived schema file. */
export interface SchemaFileResult {
  /** path relative to the repo root */
  file: string;
  state: 'up to date' | 'written' | 'differs';
}

/** Brings every prisma/<provider>/schema.prisma in line with models.prisma; with `check`, only reports differences. */
export function syncSchemas(root: string, check: boolean): SchemaFileResult[] {
  return providers.map((provider) => {
    const { modelsFile, schemaFile } = providerPaths(provider, root);
    const wanted = deriveSchema(provider, readFileSync(modelsFile, 'utf8'));
    const current = existsSync(schemaFile) ? readFileSync(schemaFile, 'utf8') : undefined;
    const file = relative(root, schemaFile);
    if (current === wanted) return { file, state: 'up to date' };
    if (check) return { file, state: 'differs' };
    mkdirSync(dirname(schemaFile), { recursive: true });
    writeFileSync(schemaFile, wanted);
    return { file, state: 'written' };
  });
}
