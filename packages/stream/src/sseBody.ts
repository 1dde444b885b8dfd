import type { Connection, FrameSink } from './connection';

/**
 * The HTTP response body of a connection, as a web ReadableStream: a pull means
 * the reader has room (flush), a cancel means the client is gone (close).
 */
export function sseBody<P>(connection: Connection<P>): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        const sink: FrameSink = {
          get desiredSize() {
            return controller.desiredSize;
          },
          write: (bytes) => controller.enqueue(bytes),
          close: () => {
            try {
              controller.close();
            } catch {
              // already closed or errored: nothing left to end
            }
          },
        };
        connection.attach(sink);
      },
      pull() {
        connection.flush();
      },
      cancel() {
        connection.close('client_closed');
      },
    },
    new ByteLengthQueuingStrategy({ highWaterMark: 64 * 1024 }),
  );
}
