// Builds /embed.js (a tiny classic script) and the widget modules it loads on
// demand (ES modules with content-hashed names, cached forever). React is
// swapped for preact/compat here only: embeds must stay small.
import { build } from 'esbuild';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { basename, join } from 'node:path';

/** Gzipped bytes a page may download for a ticker tape or quote board (loader + runtime + widget + shared chunks). */
export const BUDGET_GZIP_BYTES = 60 * 1024;
/**
 * The price chart's own budget: it carries lightweight-charts, whose smallest
 * build for one chart with two series is about 54 KB gzipped on its own
 * (docs/architecture.md, "Embedding on third-party pages").
 */
export const CHART_BUDGET_GZIP_BYTES = 100 * 1024;
/** The budget a widget is held to: every widget has one. */
const budgetOf = (widget) => (widget === 'price-chart' ? CHART_BUDGET_GZIP_BYTES : BUDGET_GZIP_BYTES);

const dist = 'dist';
rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });

const alias = {
  react: 'preact/compat',
  'react-dom': 'preact/compat',
  'react-dom/client': 'preact/compat/client',
  'react/jsx-runtime': 'preact/jsx-runtime',
  'react/jsx-dev-runtime': 'preact/jsx-runtime',
};
const entries = {
  runtime: 'src/runtime.tsx',
  'quote-board': 'src/widgets/quoteBoard.tsx',
  'ticker-tape': 'src/widgets/tickerTape.tsx',
  'price-chart': 'src/widgets/priceChart.tsx',
  'trade-link': 'src/widgets/tradeLink.tsx',
};

const modules = await build({
  entryPoints: entries,
  bundle: true,
  splitting: true,
  format: 'esm',
  minify: true,
  target: 'es2020',
  outdir: dist,
  entryNames: '[name]-[hash]',
  chunkNames: 'chunk-[hash]',
  alias,
  jsx: 'automatic',
  define: { 'process.env.NODE_ENV': '"production"' },
  metafile: true,
  logLevel: 'warning',
});

const manifest = {};
for (const [file, out] of Object.entries(modules.metafile.outputs)) {
  if (!out.entryPoint) continue;
  const name = Object.entries(entries).find(([, src]) => out.entryPoint.endsWith(src.replace(/^\.\//, '')))?.[0];
  if (name) manifest[name] = basename(file);
}

// The trading widgets, for Quoteline's own pages only: a separate, self-contained
// module (its own Preact and query client; the stream is the page's global one),
// so their full zod never lands in a chunk that third-party pages load.
const trading = await build({
  entryPoints: { trading: 'src/widgets/trading.tsx' },
  bundle: true,
  format: 'esm',
  minify: true,
  target: 'es2020',
  outdir: dist,
  entryNames: '[name]-[hash]',
  alias,
  jsx: 'automatic',
  define: { 'process.env.NODE_ENV': '"production"' },
  metafile: true,
  logLevel: 'warning',
});
manifest.trading = basename(Object.keys(trading.metafile.outputs).find((f) => f.endsWith('.js')));

await build({
  entryPoints: ['src/loader.ts'],
  bundle: true,
  format: 'iife',
  minify: true,
  target: 'es2020',
  outfile: join(dist, 'embed.js'),
  define: { __QL_MANIFEST__: JSON.stringify(manifest) },
  logLevel: 'warning',
});
writeFileSync(join(dist, 'manifest.json'), JSON.stringify(manifest, null, 2));

// Size budget: what a page downloads for one widget = loader + runtime + the widget module + every chunk they import.
const outputs = modules.metafile.outputs;
const closure = (file, seen = new Set()) => {
  if (seen.has(file)) return seen;
  seen.add(file);
  for (const imp of outputs[file]?.imports ?? [])
    if (imp.kind === 'import-statement' || imp.kind === 'dynamic-import') closure(imp.path, seen);
  return seen;
};
const gz = (file) => gzipSync(readFileSync(file)).length;
const report = {};
for (const widget of Object.keys(entries).filter((n) => n !== 'runtime')) {
  const files = new Set([...closure(join(dist, manifest.runtime)), ...closure(join(dist, manifest[widget]))]);
  report[widget] = gz(join(dist, 'embed.js')) + [...files].reduce((n, f) => n + gz(f), 0);
}
writeFileSync(
  join(dist, 'sizes.json'),
  JSON.stringify(
    {
      budgetGzipBytes: BUDGET_GZIP_BYTES,
      chartBudgetGzipBytes: CHART_BUDGET_GZIP_BYTES,
      loaderGzipBytes: gz(join(dist, 'embed.js')),
      perWidgetGzipBytes: report,
    },
    null,
    2,
  ),
);
for (const [widget, bytes] of Object.entries(report))
  console.log(
    `embed: ${widget} downloads ${(bytes / 1024).toFixed(1)} KB gzipped (budget ${budgetOf(widget) / 1024} KB)`,
  );
const over = Object.entries(report).filter(([widget, bytes]) => bytes > budgetOf(widget));
if (over.length) {
  console.error(`embed: over the size budget: ${over.map(([w, b]) => `${w} ${(b / 1024).toFixed(1)} KB`).join(', ')}`);
  process.exit(1);
}
