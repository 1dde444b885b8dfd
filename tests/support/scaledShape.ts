import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { startScaledShape } from '../../scripts/scaled/shape.mjs';
import { freePort } from './appServer';

export type Shape = Awaited<ReturnType<typeof startScaledShape>>;
type ShapeOptions = Omit<Parameters<typeof startScaledShape>[0], 'dataDir' | 'listen'>;

export interface ShapeForFile {
  shape: Shape;
  /** nginx's certificate, to trust it from Node clients */
  ca: string;
  /** the shape's folder (removed after the file) */
  dataDir: string;
}

/**
 * The scaled shape (instances, Redis, PostgreSQL, nginx, private on loopback,
 * every port a free one) in a temporary folder for the test file: started
 * before its first test, stopped and removed after its last. Read the fields
 * inside tests or later hooks, not at the top level.
 */
export function shapePerFile(folderPrefix: string, options: ShapeOptions = {}): ShapeForFile {
  const forFile = {} as ShapeForFile;
  beforeAll(async () => {
    const dataDir = mkdtempSync(join(tmpdir(), `quoteline-${folderPrefix}-`));
    forFile.dataDir = dataDir;
    chmodSync(dataDir, 0o755); // PostgreSQL runs as the postgres user and must enter this folder
    forFile.shape = await startScaledShape({ ...options, dataDir, listen: await freePort() });
    forFile.ca = readFileSync(forFile.shape.tls.cert, 'utf8');
  });
  afterAll(async () => {
    await forFile.shape?.stop();
    if (forFile.dataDir) rmSync(forFile.dataDir, { recursive: true, force: true });
  });
  return forFile;
}
