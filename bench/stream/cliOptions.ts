import { parseArgs } from 'node:util';

/** One load level: this many streams on a feed ticking every tickMs. */
export interface Scenario {
  streams: number;
  tickMs: number;
}

/** Everything a bench run is told on its command line. */
export interface BenchOptions {
  scenarios: Scenario[];
  targets: ('ours' | 'bare')[];
  instruments: number;
  warmupMs: number;
  windowMs: number;
  concurrency: number;
  /** Per-scenario limit for opening streams; default grows with the count. */
  openDeadlineMs: number | null;
  quietWaitMs: number;
  retries: number;
  firstPort: number;
  lastPort: number;
  outDir: string;
  cpuProf: boolean;
}

export const USAGE = `npm run bench:stream -- [options]

  --scenarios 1000@100,5000@1000,10000@1000   streams@tickMs pairs (the default)
  --streams 1000,5000 --tick-ms 100,1000       or every combination of these
  --seconds 10        measured window per target
  --warmup 5          seconds between the last stream opening and the window
  --instruments 10    instruments in the bench feed
  --targets ours,bare which servers to measure (the ratios need both)
  --concurrency 100   stream openings in flight at once
  --open-deadline S   seconds allowed to open the streams (default 20 + 5 ms per stream)
  --quiet-wait 30     at most this many extra seconds before each window for other processes on the
                      machine to drop below 25 % of a core (0: do not wait)
  --retries 2         extra windows when other processes used over 25 % of a core in one (the calmest is kept)
  --port 4100         first port; ports are taken upwards, at most to --last-port 4199
  --out .data/bench   where stream.md and stream.json go
  --cpu-prof          profile our server during the window (V8 profiler via inspector; files under
                      <out>/profiles; summary printed; the profiler inflates that run's numbers)`;

const list = (value: string) =>
  value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

function positiveInt(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a positive integer, got '${value}'`);
  return n;
}

function positiveNumber(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number, got '${value}'`);
  return n;
}

function nonNegativeNumber(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} must be a number ≥ 0, got '${value}'`);
  return n;
}

/** Parses argv (without node and the script); returns null for --help. */
export function parseBenchOptions(argv: string[]): BenchOptions | null {
  const { values } = parseArgs({
    args: argv,
    options: {
      scenarios: { type: 'string', default: '1000@100,5000@1000,10000@1000' },
      streams: { type: 'string' },
      'tick-ms': { type: 'string' },
      seconds: { type: 'string', default: '10' },
      warmup: { type: 'string', default: '5' },
      instruments: { type: 'string', default: '10' },
      targets: { type: 'string', default: 'ours,bare' },
      concurrency: { type: 'string', default: '100' },
      'open-deadline': { type: 'string' },
      'quiet-wait': { type: 'string', default: '30' },
      retries: { type: 'string', default: '2' },
      port: { type: 'string', default: '4100' },
      'last-port': { type: 'string', default: '4199' },
      out: { type: 'string', default: '.data/bench' },
      'cpu-prof': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) return null;

  let scenarios: Scenario[];
  if (values.streams !== undefined || values['tick-ms'] !== undefined) {
    const streams = list(values.streams ?? '1000').map((s) => positiveInt('streams', s));
    const ticks = list(values['tick-ms'] ?? '100').map((s) => positiveInt('tick-ms', s));
    scenarios = ticks.flatMap((tickMs) => streams.map((n) => ({ streams: n, tickMs })));
  } else {
    scenarios = list(values.scenarios).map((pair) => {
      const [streams, tickMs] = pair.split('@');
      if (streams === undefined || tickMs === undefined)
        throw new Error(`--scenarios takes streams@tickMs pairs, got '${pair}'`);
      return { streams: positiveInt('scenarios', streams), tickMs: positiveInt('scenarios', tickMs) };
    });
  }
  const targets = list(values.targets).map((t) => {
    if (t !== 'ours' && t !== 'bare') throw new Error(`--targets takes ours and/or bare, got '${t}'`);
    return t;
  });
  const firstPort = positiveInt('port', values.port);
  const lastPort = positiveInt('last-port', values['last-port']);
  if (lastPort < firstPort) throw new Error('--last-port must not be below --port');

  return {
    scenarios,
    targets,
    instruments: positiveInt('instruments', values.instruments),
    warmupMs: positiveNumber('warmup', values.warmup) * 1000,
    windowMs: positiveNumber('seconds', values.seconds) * 1000,
    concurrency: positiveInt('concurrency', values.concurrency),
    openDeadlineMs:
      values['open-deadline'] === undefined ? null : positiveNumber('open-deadline', values['open-deadline']) * 1000,
    quietWaitMs: nonNegativeNumber('quiet-wait', values['quiet-wait']) * 1000,
    retries: Math.floor(nonNegativeNumber('retries', values.retries)),
    firstPort,
    lastPort,
    outDir: values.out,
    cpuProf: values['cpu-prof'],
  };
}
