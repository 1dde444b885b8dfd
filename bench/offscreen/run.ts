// `npm run bench:offscreen`: what widgets out of sight cost on the wire.
// Starts the built app on a free loopback port, opens Chromium (the e2e tests'
// launch options) with TWO third-party pages of 20 widgets each over four
// feeds, one left in view and one scrolled so that every widget is out of
// view, and measures each page's stream ON THE WIRE (DevTools protocol) for
// BENCH_SECONDS (default 10, 3..60): first with data-offscreen="full" on the
// loader script (the slowdown off), then without. Loopback only; stops by itself.
import { randomBytes } from 'node:crypto';
import { printAndSave } from '../savedTable';
import { chromium, type Browser, type Page } from '@playwright/test';
import config from '../../playwright.config';
import { embedKeySql, feedSql, startAppServer } from '../../tests/support/appServer';
import { WireMeter } from '../../tests/support/wireMeter';
import { serveDemo } from '../../widgets/embed/demo/serve';
import { trackGroup } from '../stream/childProcesses';
import { installCleanup, TAG_VARIABLE } from '../stream/cleanup';
import { runInfo } from '../stream/report';

const seconds = Math.min(60, Math.max(3, Number(process.env.BENCH_SECONDS ?? 10) || 10));
const SETTLE_MS = 2000;
const KEY = 'pk_bench_offscreen';

/** The page's feeds: [slug, instruments, tick ms]; two bench feeds next to the seeded demo and fx. */
const FEEDS: [string, number, number][] = [
  ['demo', 10, 500],
  ['fx', 4, 1000],
  ['offa', 10, 250],
  ['offb', 10, 250],
];
const BOARDS_PER_FEED = 3;
const TAPES_PER_FEED = 2;
const WIDGETS = FEEDS.length * (BOARDS_PER_FEED + TAPES_PER_FEED);
const ROWS = FEEDS.reduce((n, [, instruments]) => n + instruments * BOARDS_PER_FEED, 0);

/** 20 widgets in a grid, then a long spacer: scrolled to the bottom, none is in view. */
function benchPage(offscreen: 'slow' | 'full'): string {
  const widgets = FEEDS.flatMap(([feed]) => [
    ...Array.from(
      { length: BOARDS_PER_FEED },
      (_, i) =>
        `<div data-quoteline="quote-board" data-feed="${feed}" data-columns="symbol,last,change" data-title="${feed} ${i + 1}"></div>`,
    ),
    ...Array.from({ length: TAPES_PER_FEED }, () => `<div data-quoteline="ticker-tape" data-feed="${feed}"></div>`),
  ]);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8" /><title>bench:offscreen</title>
<style>body { margin: 0; padding: 8px; } .grid { display: grid; grid-template-columns: repeat(4, 1fr); gap: 8px; } .spacer { height: 8000px; }</style>
</head><body>
<div class="grid">${widgets.join('\n')}</div>
<div class="spacer"></div>
<script async src="{{QUOTELINE}}/embed.js" data-key="{{KEY}}"${offscreen === 'full' ? ' data-offscreen="full"' : ''}></script>
</body></html>`;
}

interface PageFigures {
  bytesPerS: number;
  eventsPerS: number;
}

/** Opens a page in its own context, waits for every widget, scrolls it away when asked. */
async function openPage(browser: Browser, url: string, away: boolean): Promise<{ page: Page; wire: WireMeter }> {
  const context = await browser.newContext({ viewport: { width: 1600, height: 1800 } });
  const page = await context.newPage();
  const wire = await WireMeter.attach(page);
  await page.goto(url);
  await page
    .locator('[data-quoteline="quote-board"] tbody tr[data-symbol]')
    .nth(ROWS - 1)
    .waitFor();
  await page
    .locator('[data-quoteline="ticker-tape"] [data-testid="ticker-tape"]')
    .nth(FEEDS.length * TAPES_PER_FEED - 1)
    .waitFor({ state: 'attached' });
  if (process.env.BENCH_SCREENSHOT)
    await page.screenshot({ path: `.data/bench/offscreen-${away ? 'away' : 'in-view'}.png` });
  if (away) await page.evaluate(() => scrollTo(0, document.body.scrollHeight));
  const visible = await page.evaluate(
    () =>
      [...document.querySelectorAll('[data-quoteline]')].filter((el) => {
        const box = el.getBoundingClientRect();
        return box.bottom > 0 && box.top < innerHeight;
      }).length,
  );
  if (visible !== (away ? 0 : WIDGETS))
    throw new Error(`${visible} widgets in view on the ${away ? 'away' : 'in-view'} page`);
  return { page, wire };
}

/** Both pages of one mode, measured over the same window. */
async function measure(browser: Browser, base: string, mode: 'slow' | 'full'): Promise<PageFigures[]> {
  const pages = [
    await openPage(browser, `${base}/${mode}.html`, false),
    await openPage(browser, `${base}/${mode}.html`, true),
  ];
  await new Promise((r) => setTimeout(r, SETTLE_MS)); // the rates POST takes effect
  const from = Date.now();
  await new Promise((r) => setTimeout(r, seconds * 1000));
  const to = Date.now();
  const figures = pages.map(({ wire }) => {
    const count = wire.count('', from, to);
    const perS = (n: number) => (n * 1000) / (to - from);
    return { bytesPerS: perS(count.wireBytes), eventsPerS: perS(count.events) };
  });
  await Promise.all(pages.map(({ page }) => page.context().close()));
  return figures;
}

async function main(): Promise<void> {
  const tag = randomBytes(6).toString('hex');
  installCleanup(tag);
  // However it goes, the run ends by itself.
  setTimeout(
    () => {
      console.error('bench:offscreen took too long: stopping');
      process.exit(1);
    },
    (4 * seconds + 180) * 1000,
  ).unref();

  const sql = [
    ...FEEDS.filter(([slug]) => slug.startsWith('off')).map(([slug, count, tickMs]) =>
      feedSql(slug, { tickMs, count }),
    ),
    embedKeySql(KEY, { origins: ['http://localhost:*'], feeds: FEEDS.map(([slug]) => slug) }),
  ].join('\n');
  console.log('starting the built app …');
  const server = await startAppServer({ sql, env: { [TAG_VARIABLE]: tag } });
  trackGroup(server.process);
  const quoteline = server.url.replace('127.0.0.1', 'localhost');
  const demo = await serveDemo({
    port: 0,
    quoteline,
    key: KEY,
    pages: { 'full.html': benchPage('full'), 'slow.html': benchPage('slow') },
  });
  const browser = await chromium.launch({ ...config.use?.launchOptions, headless: true });
  try {
    console.log(`measuring 2 pages × ${WIDGETS} widgets for ${seconds} s, slowdown off, then on …`);
    const off = await measure(browser, demo.url, 'full');
    const on = await measure(browser, demo.url, 'slow');
    const { commit } = runInfo(seconds * 1000, SETTLE_MS, 0);
    const int = (n: number) => Math.round(n).toLocaleString('en-US');
    const ratio = (a: number, b: number) => (b === 0 ? '—' : `${(a / b).toFixed(2)}×`);
    const rows = ['in view', 'scrolled away'].map((where, i) => {
      const [a, b] = [off[i]!, on[i]!];
      return `| ${i + 1} | ${WIDGETS} | ${where === 'in view' ? 'yes' : 'no'} | ${int(a.bytesPerS)} → ${int(b.bytesPerS)} | ${int(a.eventsPerS)} → ${int(b.eventsPerS)} | ${ratio(b.bytesPerS, a.bytesPerS)} |`;
    });
    const table = [
      `Commit ${commit}, ${seconds} s per page, feeds ${FEEDS.map(([s, n, ms]) => `${s} (${n} @ ${ms} ms)`).join(', ')}.`,
      '',
      '| page | widgets | in view? | wire bytes/s off → on | events/s off → on | bytes on / off |',
      '| ---: | ---: | --- | ---: | ---: | ---: |',
      ...rows,
    ].join('\n');
    printAndSave('offscreen', table);
  } finally {
    await browser.close();
    await demo.close();
    await server.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
