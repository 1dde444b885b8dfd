import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join, dirname } from 'node:path';
import * as glue from '@prisma/schema-engine-wasm/schema_engine_bg';
import type { SchemaEngine } from '@prisma/schema-engine-wasm/schema_engine_bg';
import {
  bindMigrationAwareSqlAdapterFactory,
  type ErrorCapturingSqlMigrationAwareDriverAdapterFactory,
  type SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils';

export type { SchemaEngine };

let ready: Promise<void> | undefined;

/** Instantiates the engine's wasm by hand, once per process, because Node 20 cannot `import` a .wasm file. */
function loadWasm(): Promise<void> {
  ready ??= (async () => {
    const gluePath = createRequire(import.meta.url).resolve('@prisma/schema-engine-wasm/schema_engine_bg');
    const bytes = await readFile(join(dirname(gluePath), 'schema_engine_bg.wasm'));
    const { instance } = await WebAssembly.instantiate(bytes, {
      './schema_engine_bg.js': glue as unknown as WebAssembly.ModuleImports,
    });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
  })();
  return ready;
}

/** A schema engine bound to one schema and one driver adapter factory, plus the registry that holds the driver's real errors. */
export interface OpenEngine {
  engine: SchemaEngine;
  factory: ErrorCapturingSqlMigrationAwareDriverAdapterFactory;
}

/** Starts Prisma's wasm schema engine over our own driver adapter, since the CLI's Rust engine cannot be downloaded here. */
export async function openSchemaEngine(
  schemaPath: string,
  schemaText: string,
  adapterFactory: SqlMigrationAwareDriverAdapterFactory,
): Promise<OpenEngine> {
  await loadWasm();
  const factory = bindMigrationAwareSqlAdapterFactory(adapterFactory);
  const log = (line: string) => {
    if (process.env.DEBUG) console.error(line);
  };
  const engine = await glue.SchemaEngine.new({ datamodels: [[schemaPath, schemaText]] }, log, factory);
  return { engine, factory };
}
