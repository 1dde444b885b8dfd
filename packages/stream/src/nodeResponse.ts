import type { ServerResponse } from 'node:http';
import type { Connection, FrameSink } from './connection';

/**
 * Serves a connection on Node's own HTTP response: each write goes straight to
 * the socket (no web-stream pipe in between), `write` returning false says the
 * socket is full at once, `drain` says there is room again, and the response
 * closing (the client went away, or the server ended it) ends the connection.
 */
export function attachNodeResponse<P>(connection: Connection<P>, res: ServerResponse): void {
  const sink: FrameSink = {
    get desiredSize() {
      return res.writableNeedDrain ? 0 : res.writableHighWaterMark - res.writableLength;
    },
    write: (bytes) => res.write(bytes),
    close: () => {
      if (!res.writableEnded) res.end();
    },
  };
  res.on('drain', () => connection.flush());
  res.on('close', () => connection.close('client_closed'));
  connection.attach(sink);
}
