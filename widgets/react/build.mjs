// Builds the installable package: dist/*.js (ESM, the workspace packages
// bundled in, React left to the app) and dist/*.d.ts (the public types, which
// need nothing but React's). Fails if anything in dist still names a private
// @quoteline/* package, since an installed tarball could not resolve it.
import { build } from 'esbuild';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import ts from 'typescript';

const dist = 'dist';
rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });

await build({
  entryPoints: { index: 'src/index.ts' },
  bundle: true,
  splitting: true, // the chart library stays in its own chunk, loaded when a chart mounts
  format: 'esm',
  platform: 'browser',
  minify: true,
  target: 'es2020',
  outdir: dist,
  chunkNames: 'chunk-[hash]',
  external: ['react', 'react-dom', 'react/*', 'react-dom/*'],
  jsx: 'automatic',
  // Every module is a client module for Next.js server components (esbuild drops per-file directives when bundling).
  banner: { js: "'use client';" },
  logOverride: { 'module-level-directive': 'silent' },
  logLevel: 'warning',
});

const sources = readdirSync('src').filter((f) => /\.tsx?$/.test(f) && !/\.(test|check)\.tsx?$/.test(f));
for (const file of sources) {
  const { outputText, diagnostics } = ts.transpileDeclaration(readFileSync(join('src', file), 'utf8'), {
    fileName: file,
    compilerOptions: { jsx: ts.JsxEmit.ReactJSX, strict: true },
  });
  if (diagnostics?.length) {
    for (const d of diagnostics) console.error(`${file}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    process.exit(1);
  }
  writeFileSync(join(dist, file.replace(/\.tsx?$/, '.d.ts')), outputText);
}

const files = readdirSync(dist);
const leaking = files.filter((f) => /from ['"]@quoteline\//.test(readFileSync(join(dist, f), 'utf8')));
if (leaking.length) {
  console.error(`react: dist names private @quoteline/* packages: ${leaking.join(', ')}`);
  process.exit(1);
}
const gz = files.filter((f) => f.endsWith('.js')).reduce((n, f) => n + gzipSync(readFileSync(join(dist, f))).length, 0);
console.log(`react: ${files.length} files in dist, ${(gz / 1024).toFixed(1)} KB of JS gzipped`);
