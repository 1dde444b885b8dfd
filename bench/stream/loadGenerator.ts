// The load generator: its own process (started by run.ts), so its CPU is
// not the server's and can be measured apart. Opens N raw SSE streams,
// counts the events each receives and their latency from `ts` to arrival.
import type { Socket } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { FrameScanner, type FrameListener } from './frameScanner';
import { LatencyHistogram } from './latencyHistogram';
import type { LoadCommand, LoadConfig, LoadMessage, LoadReport } from './loadProtocol';
import { openRawStream } from './rawStream';

const config = JSON.parse(process.argv[2] ?? '{}') as LoadConfig;
const send = (message: LoadMessage) => process.send?.(message);

// Window counters, reset by `mark`.
const latency = new LatencyHistogram();
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
let windowStart = performance.now();
let updates = 0;
let others = 0;
let comments = 0;
let bytes = 0;
let missingTs = 0;
// All-time state.
let open = 0;
let closedByServer = 0;
const sockets = new Set<Socket>();
/** Arrival time of the read being scanned; one clock read per read, not per event. */
let now = 0;

// One listener shared by every stream: the per-stream state is only the scanner's carry.
const listener: FrameListener = {
  update(ts) {
    updates++;
    if (Number.isNaN(ts)) missingTs++;
    else latency.record(now - ts);
  },
  other(isComment) {
    if (isComment) comments++;
    else others++;
  },
};

function openAll(): Promise<Omit<Extract<LoadMessage, { type: 'connected' }>, 'type'>> {
  const started = Date.now();
  const failed: Record<string, number> = {};
  let opened = 0;
  let next = 0;
  let pending = 0;
  return new Promise((done) => {
    const deadline = setTimeout(() => finish(), config.openDeadlineMs);
    const finish = () => {
      clearTimeout(deadline);
      const notAttempted = config.streams - next;
      if (notAttempted > 0) failed.not_attempted = notAttempted;
      next = config.streams;
      done({ opened, failed, rampMs: Date.now() - started });
    };
    const settle = () => {
      pending--;
      if (next >= config.streams && pending === 0) finish();
      else pump();
    };
    const pump = () => {
      while (pending < config.concurrency && next < config.streams) {
        next++;
        pending++;
        const scanner = new FrameScanner(listener);
        const socket = openRawStream(
          { port: config.port, path: config.path, timeoutMs: config.connectTimeoutMs },
          {
            opened() {
              opened++;
              open++;
              settle();
            },
            failed(reason) {
              sockets.delete(socket);
              failed[reason] = (failed[reason] ?? 0) + 1;
              settle();
            },
            body(buf, start, end) {
              now = Date.now();
              bytes += end - start;
              scanner.push(buf, start, end);
            },
            closed() {
              sockets.delete(socket);
              open--;
              closedByServer++;
            },
          },
        );
        sockets.add(socket);
      }
    };
    if (config.streams === 0) finish();
    else pump();
  });
}

function mark(): void {
  windowStart = performance.now();
  updates = others = comments = bytes = missingTs = 0;
  latency.reset();
  loopDelay.reset();
}

function report(): LoadReport {
  return {
    elapsedMs: performance.now() - windowStart,
    updates,
    others,
    comments,
    bytes,
    missingTs,
    open,
    closedByServer,
    latency: {
      count: latency.count,
      p50: latency.percentile(50),
      p99: latency.percentile(99),
      p999: latency.percentile(99.9),
      max: latency.max,
      mean: latency.mean(),
      negative: latency.negative,
    },
    loopDelayP99Ms: loopDelay.percentile(99) / 1e6,
  };
}

function stop(): never {
  for (const socket of sockets) socket.destroy();
  process.exit(0);
}

process.on('message', (command: LoadCommand) => {
  if (command.type === 'mark') {
    mark();
    send({ type: 'marked' });
  } else if (command.type === 'report') send({ type: 'report', ...report() });
  else if (command.type === 'stop') stop();
});
// Never outlive the orchestrator, nor the time it planned for.
process.on('disconnect', stop);
setTimeout(stop, config.maxLifetimeMs).unref();
loopDelay.enable();

void openAll().then((result) => send({ type: 'connected', ...result }));
