import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import type { Scenario } from './cliOptions';
import type { TargetResult } from './measureTarget';

/** One scenario's results: our server, the bare one, and ours / bare. */
export interface ScenarioResult {
  scenario: Scenario;
  ours?: TargetResult;
  bare?: TargetResult;
  /** Ours divided by bare; null when either side is missing or zero. */
  ratios: {
    cpuPerEvent: number | null;
    p99: number | null;
    deliveredPerSec: number | null;
    openedPerSec: number | null;
    rssSettledPerStream: number | null;
  };
  error?: string;
}

/** Where and on what the run happened, for the report's header. */
export interface RunInfo {
  startedAt: string;
  commit: string;
  node: string;
  cpu: string;
  memoryGiB: number;
  windowSeconds: number;
  warmupSeconds: number;
  instruments: number;
}

export function runInfo(windowMs: number, warmupMs: number, instruments: number): RunInfo {
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD']).toString().trim();
  } catch {
    // not a git checkout
  }
  const cores = cpus();
  return {
    startedAt: new Date().toISOString(),
    commit,
    node: process.version,
    cpu: `${cores.length} × ${cores[0]?.model ?? 'unknown'}`,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    windowSeconds: windowMs / 1000,
    warmupSeconds: warmupMs / 1000,
    instruments,
  };
}

export function ratio(a: number | null | undefined, b: number | null | undefined): number | null {
  return a == null || b == null || b === 0 ? null : a / b;
}

const fmt = (n: number | null | undefined, digits = 0) =>
  n == null || !Number.isFinite(n)
    ? '–'
    : n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const counts = (r: Record<string, number>) =>
  Object.entries(r)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');

function notes(t: TargetResult): string {
  const parts: string[] = [`opened in ${fmt(t.rampMs / 1000, 1)} s`];
  if (t.windows > 1) parts.push(`calmest of ${t.windows} windows`);
  if (t.server.maxPendingBytes) parts.push(`max unsent ${fmt(t.server.maxPendingBytes / 1024)} KiB`);
  if (Object.keys(t.failed).length) parts.push(`failed to open: ${counts(t.failed)}`);
  if (t.closedByServer) parts.push(`closed by server: ${t.closedByServer}`);
  if (Object.keys(t.server.closed).length) parts.push(`server closed in window: ${counts(t.server.closed)}`);
  if (t.server.conflated) parts.push(`conflated ${fmt(t.server.conflated)}`);
  if (t.latencyMs.negative) parts.push(`${t.latencyMs.negative} negative latencies`);
  parts.push(`client loop p99 ${fmt(t.clientLoopDelayP99Ms)} ms`);
  parts.push(`fd limit ${t.fdLimits.server ?? '?'}/${t.fdLimits.client ?? '?'}`);
  return parts.join('; ');
}

/** The latency bound under which a scenario counts toward a server's saturation figure. */
export const SATURATION_P99_MS = 100;

interface Saturation {
  streams: number;
  tickMs: number;
  deliveredPerSec: number;
  p99: number;
}

/** A server's most delivered updates/s among this run's scenarios whose p99 stayed within the bound. */
export function saturation(results: ScenarioResult[], kind: 'ours' | 'bare'): Saturation | null {
  let best: Saturation | null = null;
  for (const r of results) {
    const t = r[kind];
    if (!t || t.latencyMs.p99 == null || t.latencyMs.p99 > SATURATION_P99_MS) continue;
    if (!best || t.deliveredPerSec > best.deliveredPerSec)
      best = { streams: t.streams, tickMs: t.tickMs, deliveredPerSec: t.deliveredPerSec, p99: t.latencyMs.p99 };
  }
  return best;
}

/** The Markdown report: one row per server and scenario, then the ratios. */
export function toMarkdown(info: RunInfo, results: ScenarioResult[]): string {
  const lines = [
    '# Stream benchmark',
    '',
    `${info.startedAt}, commit ${info.commit}, Node ${info.node}, ${info.cpu}, ${info.memoryGiB} GiB. ` +
      `Loopback; the load generator runs in its own process on the same cores. Feed of ${info.instruments} instruments; ` +
      `${info.warmupSeconds} s warm-up, then a ${info.windowSeconds} s window. Latency is publish \`ts\` → receipt, in whole ms. ` +
      `CPU % is of one core (200 % = both cores); µs/event is server CPU time per update the clients received; other CPU % is everything else busy on the machine in the window (noise). RSS/stream is (RSS at the end − RSS before the streams) / streams: it includes heap the GC has not reclaimed, so it is an upper bound; settled RSS/stream is the same with two full GCs and a pause before each sample. Opened/s is streams accepted per second while opening (100 openings in flight).`,
    '',
    '| streams @ tick | server | open | expected ev/s | published ev/s | delivered ev/s | p50 ms | p99 ms | p99.9 ms | max ms | server CPU % | server µs/event | client CPU % | other CPU % | RSS MiB before → opened → end | RSS/stream KiB | settled RSS/stream KiB | opened/s | bytes/event | notes |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | --- |',
  ];
  for (const r of results) {
    const label = `${fmt(r.scenario.streams)} @ ${r.scenario.tickMs} ms`;
    if (r.error) lines.push(`| ${label} | – | | | | | | | | | | | | | | | | | | error: ${r.error.split('\n')[0]} |`);
    for (const t of [r.ours, r.bare]) {
      if (!t) continue;
      lines.push(
        `| ${label} | ${t.kind} | ${fmt(t.opened)} | ${fmt(t.expectedPerSec)} | ${fmt(t.publishedPerSec)} | ${fmt(t.deliveredPerSec)} | ${fmt(t.latencyMs.p50)} | ${fmt(t.latencyMs.p99)} | ${fmt(t.latencyMs.p999)} | ${fmt(t.latencyMs.max)} | ` +
          `${fmt(t.serverCpuPercent)} | ${fmt(t.serverCpuUsPerEvent, 2)} | ${fmt(t.clientCpuPercent)} | ${fmt(t.otherCpuPercent)} | ${fmt(t.rssBaselineMiB)} → ${fmt(t.rssOpenedMiB)} → ${fmt(t.rssEndMiB)} | ${fmt(t.rssPerStreamKiB, 1)} | ${fmt(t.rssSettledPerStreamKiB, 1)} | ${fmt(t.openedPerSec)} | ${fmt(t.bytesPerUpdate)} | ${notes(t)} |`,
      );
    }
  }
  lines.push(
    '',
    '## Ours / bare',
    '',
    '| streams @ tick | CPU per event | p99 latency | delivered ev/s | opened/s | settled RSS/stream |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
  );
  const x = (n: number | null) => (n == null ? '–' : `${fmt(n, 2)}×`);
  for (const r of results) {
    lines.push(
      `| ${fmt(r.scenario.streams)} @ ${r.scenario.tickMs} ms | ${x(r.ratios.cpuPerEvent)} | ${x(r.ratios.p99)} | ${x(r.ratios.deliveredPerSec)} | ${x(r.ratios.openedPerSec)} | ${x(r.ratios.rssSettledPerStream)} |`,
    );
  }
  const ours = saturation(results, 'ours');
  const bare = saturation(results, 'bare');
  const at = (s: Saturation | null) =>
    s
      ? `${fmt(s.deliveredPerSec)} ev/s (${fmt(s.streams)} @ ${s.tickMs} ms, p99 ${fmt(s.p99)} ms)`
      : '– (no scenario within the bound)';
  lines.push(
    '',
    `## Saturation: most delivered updates/s with p99 ≤ ${SATURATION_P99_MS} ms`,
    '',
    '| server | most delivered within the bound |',
    '| --- | --- |',
    `| ours | ${at(ours)} |`,
    `| bare | ${at(bare)} |`,
    `| ours / bare | ${x(ratio(ours?.deliveredPerSec, bare?.deliveredPerSec))} |`,
    '',
    'Only the scenarios of this run count: give several stream counts at one tick (e.g. `--scenarios 1500@100,2000@100,3000@100,4000@100`).',
  );
  return lines.join('\n') + '\n';
}

/** Writes stream.md and stream.json into `dir`; returns their paths. */
export function writeReport(dir: string, info: RunInfo, results: ScenarioResult[], markdown: string): string[] {
  mkdirSync(dir, { recursive: true });
  const md = join(dir, 'stream.md');
  const json = join(dir, 'stream.json');
  writeFileSync(md, markdown);
  writeFileSync(json, JSON.stringify({ ...info, results }, null, 2) + '\n');
  return [md, json];
}
