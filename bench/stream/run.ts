// `npm run bench:stream`: our SSE server against a bare node:http one, on
// loopback, at the stream counts given on the command line. See README.md here.
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { ROOT } from '../../tests/support/appServer';
import { BENCH_FEED, startAppTarget } from './appTarget';
import { startBareTarget } from './bareTarget';
import { installCleanup, killTagged, TAG_VARIABLE } from './cleanup';
import { cpuProfileEnv, cpuProfileWindow } from './cpuProfileWindow';
import { withHeapSettler } from './heapSettle';
import { summarizeCpuProfile } from './cpuProfileSummary';
import { parseBenchOptions, USAGE, type BenchOptions, type Scenario } from './cliOptions';
import { measureTarget, type TargetResult } from './measureTarget';
import { createPortPicker } from './portPicker';
import { ratio, runInfo, toMarkdown, writeReport, type ScenarioResult } from './report';
import type { Target } from './target';

const started = Date.now();
const log = (line: string) => console.info(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);

function describe(t: TargetResult): string {
  const n = (x: number | null, d = 0) => (x == null ? '–' : x.toFixed(d));
  return `${t.kind}: ${n(t.deliveredPerSec)} ev/s of ${n(t.expectedPerSec)}, p50 ${n(t.latencyMs.p50)} ms, p99 ${n(t.latencyMs.p99)} ms, server ${n(t.serverCpuPercent)} % CPU = ${n(t.serverCpuUsPerEvent, 2)} µs/event, client ${n(t.clientCpuPercent)} % CPU, other ${n(t.otherCpuPercent)} %, RSS/stream ${n(t.rssPerStreamKiB, 1)} KiB (settled ${n(t.rssSettledPerStreamKiB, 1)} KiB), opened ${n(t.openedPerSec)}/s`;
}

async function runScenario(
  scenario: Scenario,
  options: BenchOptions,
  tag: string,
  nextPort: () => Promise<number>,
): Promise<ScenarioResult> {
  const result: ScenarioResult = {
    scenario,
    ratios: { cpuPerEvent: null, p99: null, deliveredPerSec: null, openedPerSec: null, rssSettledPerStream: null },
  };
  const env = { ...process.env, [TAG_VARIABLE]: tag, NEXT_TELEMETRY_DISABLED: '1' };
  const profileDir = resolve(ROOT, options.outDir, 'profiles');
  log(
    `scenario: ${scenario.streams} streams, feed of ${options.instruments} instruments ticking every ${scenario.tickMs} ms`,
  );
  try {
    for (const kind of options.targets) {
      const port = await nextPort();
      log(`  ${kind}: starting on 127.0.0.1:${port}`);
      const profileName = `ours-${scenario.streams}at${scenario.tickMs}ms`;
      const profile = options.cpuProf && kind === 'ours' ? cpuProfileWindow(port, profileDir, profileName) : null;
      const profileEnv = profile ? cpuProfileEnv(profileDir, profileName) : {};
      // Both servers preload the heap settler, so the settled RSS is read the same way on each.
      const nodeOptions = withHeapSettler(profileEnv.NODE_OPTIONS ?? process.env.NODE_OPTIONS);
      const target: Target =
        kind === 'ours'
          ? await startAppTarget({
              port,
              tickMs: scenario.tickMs,
              instruments: options.instruments,
              env: { [TAG_VARIABLE]: tag, ...profileEnv, NODE_OPTIONS: nodeOptions },
            })
          : await startBareTarget(
              {
                port,
                topic: `feed:${BENCH_FEED.slug}`,
                prefix: BENCH_FEED.prefix,
                instruments: options.instruments,
                tickMs: scenario.tickMs,
                keepAliveMs: 15_000,
                maxLifetimeMs: 30 * 60_000,
              },
              { ...env, NODE_OPTIONS: nodeOptions },
            );
      try {
        const measured = await measureTarget(target, {
          streams: scenario.streams,
          instruments: options.instruments,
          tickMs: scenario.tickMs,
          warmupMs: options.warmupMs,
          windowMs: options.windowMs,
          concurrency: options.concurrency,
          connectTimeoutMs: 30_000,
          openDeadlineMs: options.openDeadlineMs ?? 20_000 + 5 * scenario.streams,
          quietWaitMs: options.quietWaitMs,
          retries: options.retries,
          env,
          log,
          window: profile ?? undefined,
        });
        result[kind] = measured;
        log(`  ${describe(measured)}`);
        if (profile?.file)
          log(
            `  CPU profile of the window (the profiler inflates the numbers above): ${profile.file}\n${summarizeCpuProfile(profile.file)}`,
          );
      } finally {
        await target.stop();
      }
    }
  } catch (error) {
    result.error = error instanceof Error ? error.message : String(error);
    log(`  failed: ${result.error}`);
  }
  const { ours, bare } = result;
  result.ratios = {
    cpuPerEvent: ratio(ours?.serverCpuUsPerEvent, bare?.serverCpuUsPerEvent),
    p99: ratio(ours?.latencyMs.p99, bare?.latencyMs.p99),
    deliveredPerSec: ratio(ours?.deliveredPerSec, bare?.deliveredPerSec),
    openedPerSec: ratio(ours?.openedPerSec, bare?.openedPerSec),
    rssSettledPerStream: ratio(ours?.rssSettledPerStreamKiB, bare?.rssSettledPerStreamKiB),
  };
  return result;
}

async function main(): Promise<number> {
  let options: BenchOptions | null;
  try {
    options = parseBenchOptions(process.argv.slice(2));
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : error}\n\n${USAGE}`);
    return 2;
  }
  if (!options) {
    console.info(USAGE);
    return 0;
  }
  const tag = randomBytes(6).toString('hex');
  installCleanup(tag);
  const info = runInfo(options.windowMs, options.warmupMs, options.instruments);
  const nextPort = createPortPicker(options.firstPort, options.lastPort);

  const results: ScenarioResult[] = [];
  for (const scenario of options.scenarios) results.push(await runScenario(scenario, options, tag, nextPort));

  const strays = killTagged(tag);
  if (strays) log(`killed ${strays} leftover process(es) of this run`);
  const markdown = toMarkdown(info, results);
  console.info(`\n${markdown}`);
  const files = writeReport(resolve(ROOT, options.outDir), info, results, markdown);
  log(`wrote ${files.map((f) => f.replace(`${ROOT}/`, '')).join(' and ')}`);
  return results.some((r) => r.error) ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
