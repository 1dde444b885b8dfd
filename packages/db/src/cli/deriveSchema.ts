import type { Provider } from '../paths';

/** The header of a derived schema: Prisma 7's prisma-client generator plus a url-less datasource (adapters supply the connection). */
export function schemaHeader(provider: Provider): string {
  return [
    '// GENERATED from prisma/models.prisma by packages/db/src/cli/schemas.ts. Do not edit:',
    '// edit models.prisma, then run `npm run schemas -w @quoteline/db`.',
    '',
    'generator client {',
    '  provider            = "prisma-client"',
    `  output              = "../../packages/db/src/generated/${provider}"`,
    '  moduleFormat        = "esm"',
    '  importFileExtension = ""',
    '}',
    '',
    'datasource db {',
    `  provider = "${provider}"`,
    '}',
    '',
  ].join('\n');
}

/** The full schema for one provider, so the models are written once and never drift between providers. */
export function deriveSchema(provider: Provider, models: string): string {
  return `${schemaHeader(provider)}\n${models.endsWith('\n') ? models : `${models}\n`}`;
}
