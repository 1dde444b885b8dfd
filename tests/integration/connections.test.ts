import { describe, expect, inject, it } from 'vitest';
import { openTestStream, type TestStream } from '../support/sseClient';
import { getHealth, waitForConnections } from '../support/streamTools';

const baseUrl = inject('baseUrl');

describe('connection bookkeeping', () => {
  it('returns to zero open connections after 1,000 streams are opened and their sockets destroyed', async () => {
    expect(await waitForConnections(baseUrl, 0)).toBe(0);
    const closedBefore = (await getHealth(baseUrl)).stream.closed.client_closed ?? 0;
    const streams: TestStream[] = [];
    try {
      // In batches of 100, so the listen backlog and file descriptors stay well within limits.
      for (let batch = 0; batch < 10; batch++) {
        const opened = await Promise.all(
          Array.from({ length: 100 }, () => openTestStream(baseUrl, '/api/stream?topics=feed:demo')),
        );
        streams.push(...opened);
      }
      expect(streams.filter((s) => s.status === 200)).toHaveLength(1000);
      expect(await waitForConnections(baseUrl, 1000)).toBe(1000);
      // Every stream really is live: it got its ready and the snapshot.
      await Promise.all(streams.map((s) => s.waitFor((events) => events.length >= 11, 10_000)));
    } finally {
      for (const s of streams) s.close();
    }
    expect(await waitForConnections(baseUrl, 0)).toBe(0);
    expect(((await getHealth(baseUrl)).stream.closed.client_closed ?? 0) - closedBefore).toBe(1000);
  });
});
