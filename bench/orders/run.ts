// npm run bench:orders — sustained accepted orders/s and publish latency of
// POST /api/orders on the embedded default (SQLite), from concurrent clients
// on loopback. A command, not a test: nothing asserts on these numbers.
//   npm run bench:orders -- --seconds 10 --accounts 1,8 --clients-per-account 8,4
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT, startAppServer } from '../../tests/support/appServer';
import { signIn, type TestSession } from '../../tests/support/session';
import { LatencyHistogram } from '../stream/latencyHistogram';
import { sampleGroup } from '../stream/procStats';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    accounts: { type: 'string', default: '1,8' },
    'clients-per-account': { type: 'string', default: '8,4' },
  },
});
const seconds = Number(values.seconds);
const accountCounts = values.accounts!.split(',').map(Number);
const clientCounts = values['clients-per-account']!.split(',').map(Number);

interface Result {
  accounts: number;
  clients: number;
  accepted: number;
  refused: number;
  failed: number;
  ordersPerSecond: number;
  p50: number | null;
  p99: number | null;
  serverCpuPerOrderMs: number;
}

/** Runs every scenario against one freshly seeded app server and prints the table. */
async function main(): Promise<void> {
  const server = await startAppServer({ env: { QUOTELINE_INSTANCE: 'bench-orders' } });
  const results: Result[] = [];
  try {
    const maxAccounts = Math.max(...accountCounts);
    for (let i = 0; i < maxAccounts; i++) {
      execFileSync(
        join(ROOT, 'node_modules/.bin/tsx'),
        ['packages/platform/src/cli/createUser.ts', '--email', `bench${i}@example.com`, '--cash', '10000000.00'],
        {
          cwd: ROOT,
          env: { ...process.env, DATABASE_URL: server.databaseUrl, QUOTELINE_PASSWORD: 'bench-password' },
          stdio: 'ignore',
        },
      );
    }
    for (const [index, accounts] of accountCounts.entries()) {
      const clients = clientCounts[index] ?? clientCounts.at(-1)!;
      const sessions: TestSession[] = [];
      for (let a = 0; a < accounts; a++)
        sessions.push(await signIn(server.url, `bench${a}@example.com`, 'bench-password'));
      const histogram = new LatencyHistogram(60_000);
      let accepted = 0;
      let refused = 0;
      let failed = 0;
      const deadline = Date.now() + seconds * 1000;
      const before = sampleGroup(server.process.pid!);
      const loop = async (session: TestSession, n: number) => {
        for (let i = 0; Date.now() < deadline; i++) {
          const side = (n + i) % 2 === 0 ? 'buy' : 'sell';
          const started = performance.now();
          try {
            const response = await session.order({ symbol: 'SOYL', side, type: 'market', quantity: 1 });
            await response.arrayBuffer();
            histogram.record(performance.now() - started);
            if (response.status === 201) accepted++;
            else if (response.status === 422) refused++;
            else failed++;
          } catch {
            failed++;
          }
        }
      };
      // Everyone starts with a buy so the sells have shares.
      await Promise.all(sessions.map((s) => s.order({ symbol: 'SOYL', side: 'buy', type: 'market', quantity: 1000 })));
      await Promise.all(sessions.flatMap((s) => Array.from({ length: clients }, (_, n) => loop(s, n * 2))));
      const after = sampleGroup(server.process.pid!);
      const cpu = after.cpuSeconds - before.cpuSeconds;
      results.push({
        accounts,
        clients: accounts * clients,
        accepted,
        refused,
        failed,
        ordersPerSecond: Math.round(accepted / seconds),
        p50: histogram.percentile(50),
        p99: histogram.percentile(99),
        serverCpuPerOrderMs: accepted ? Math.round((cpu / accepted) * 1e6) / 1000 : 0,
      });
      console.log(
        `bench:orders ${accounts} account(s) × ${clients} clients: ${Math.round(accepted / seconds)} orders/s`,
      );
    }
  } finally {
    await server.stop();
  }

  const table = [
    '| accounts | concurrent clients | accepted orders/s | p50 ms | p99 ms | server CPU ms/order | refused | failed |',
    '|--:|--:|--:|--:|--:|--:|--:|--:|',
    ...results.map(
      (r) =>
        `| ${r.accounts} | ${r.clients} | ${r.ordersPerSecond} | ${r.p50} | ${r.p99} | ${r.serverCpuPerOrderMs} | ${r.refused} | ${r.failed} |`,
    ),
  ].join('\n');
  console.log(
    `\n${table}\n\n(${seconds} s per row; market orders of 1 share alternating buy/sell; SQLite in WAL mode; client and server share the machine's 2 cores)`,
  );
  mkdirSync(join(ROOT, '.data/bench'), { recursive: true });
  writeFileSync(join(ROOT, '.data/bench/orders.md'), table + '\n');
  writeFileSync(join(ROOT, '.data/bench/orders.json'), JSON.stringify(results, null, 2));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
