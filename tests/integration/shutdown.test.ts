import { describe, expect, it } from 'vitest';
import { startAppServer } from '../support/appServer';
import { openTestStream } from '../support/sseClient';

describe('shutdown', () => {
  it('closes every open stream on SIGTERM so the process exits', async () => {
    const server = await startAppServer();
    try {
      const streams = await Promise.all(
        Array.from({ length: 5 }, () => openTestStream(server.url, '/api/stream?topics=feed:demo')),
      );
      await streams[0]!.waitFor((events) => events.some((e) => e.type === 'update'), 5000);
      const exited = new Promise<number | null>((r) => server.process.once('exit', (code) => r(code)));
      const started = Date.now();
      process.kill(-server.process.pid!, 'SIGTERM');
      const winner = await Promise.race([
        exited.then(() => 'exited'),
        new Promise((r) => setTimeout(() => r('timeout'), 8000)),
      ]);
      expect(winner).toBe('exited');
      expect(Date.now() - started).toBeLessThan(8000);
      await Promise.all(streams.map((s) => s.ended));
    } finally {
      await server.stop();
    }
  });
});
