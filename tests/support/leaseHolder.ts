// A producer in its own process, so a test can really pause it (SIGSTOP) and
// resume it. Usage: tsx tests/support/leaseHolder.ts <redis url> <lease key> <log key>
// Prints one JSON line per event: {"event":"acquired","token"}, {"event":"lost"},
// and for every line "append" read on stdin, the outcome of a fenced append
// made with the LAST token it was granted, even if it knows it lost the lease.
import { createInterface } from 'node:readline';
import { ProducerLease, RedisStreamLog, type Fence } from '@quoteline/redis';

const [url = '', leaseKey = '', logKey = ''] = process.argv.slice(2);
if (!url || !leaseKey || !logKey) throw new Error('usage: leaseHolder.ts <redis url> <lease key> <log key>');
const say = (line: object) => process.stdout.write(JSON.stringify(line) + '\n');

async function main() {
  const log = await RedisStreamLog.open({ url, key: logKey, onError: () => undefined });
  let lastFence: Fence | null = null;
  const lease = new ProducerLease({
    url,
    key: leaseKey,
    onAcquired(fence) {
      lastFence = fence;
      say({ event: 'acquired', token: fence.token });
    },
    onLost: () => say({ event: 'lost' }),
    onError: () => undefined,
  });
  lease.start();

  createInterface({ input: process.stdin }).on('line', (line) => {
    if (line.trim() !== 'append') return;
    const fence = lastFence;
    if (!fence) return say({ event: 'append', ok: false, code: 'no_fence' });
    log
      .append(
        {
          topic: 'feed:demo',
          type: 'update',
          data: { topic: 'feed:demo', symbol: 'OLD', price: 1, bid: 1, ask: 1, ts: 1 },
        },
        { fence },
      )
      .then(
        (entry) => say({ event: 'append', ok: true, id: entry.id }),
        (error: { code?: string; message: string }) =>
          say({ event: 'append', ok: false, code: error.code ?? error.message }),
      );
  });
  process.stdin.on('end', () => {
    void lease
      .release()
      .then(() => log.close())
      .then(() => process.exit(0));
  });
}

void main();
