import { openRawStream } from './rawStream';

/**
 * Opens one stream and closes it once it answers, so the server has loaded
 * the route's code before the RSS baseline: otherwise the first stream's
 * module loading would be charged to "RSS per stream".
 */
export function primeStream(port: number, path: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = openRawStream(
      { port, path, timeoutMs: 30_000 },
      {
        opened: () => {
          socket.destroy();
          resolve();
        },
        failed: (reason) => reject(new Error(`priming stream failed: ${reason}`)),
        body: () => undefined,
        closed: () => undefined,
      },
    );
  });
}
