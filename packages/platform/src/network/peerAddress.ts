import { randomBytes } from 'node:crypto';
import { subscribe } from 'node:diagnostics_channel';
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';

/** What reads a request's headers: a web Request, or a Node request seen through `headOf`. */
export interface HeaderSource {
  readonly headers: Pick<Headers, 'get'>;
}

// An App Router route handler gets a web Request: no socket, so no peer
// address. Node's HTTP server publishes every request on the diagnostics
// channel `http.server.request.start` (with its socket) before Next.js sees
// it, in this same process; we copy the socket's address into a request
// header there. The header's name carries a random part chosen per process,
// so a client cannot send one that passes for ours (and ours overwrites any).
// Next.js bundles modules more than once: the name lives on globalThis.
const KEY = Symbol.for('quoteline.peerAddress');
type Holder = { [KEY]?: { header: string; recording: boolean } };

function state() {
  return ((globalThis as Holder)[KEY] ??= {
    header: `x-quoteline-peer-${randomBytes(12).toString('hex')}`,
    recording: false,
  });
}

/** Stamps every HTTP request this process serves with its TCP peer's address (once per process; call before serving). */
export function recordPeerAddresses(): void {
  const s = state();
  if (s.recording) return;
  s.recording = true;
  subscribe('http.server.request.start', (message) => {
    const { request, socket } = message as { request: IncomingMessage; socket: Socket };
    request.headers[s.header] = socket.remoteAddress ?? '';
  });
}

/** The address of the TCP peer that sent `request` (a client or a proxy), or null when this process did not record it. */
export function peerAddressOf(request: HeaderSource): string | null {
  return request.headers.get(state().header) || null;
}

/** The header this process stamps the peer address into (tests build requests with it). */
export function peerHeaderName(): string {
  return state().header;
}
