import { IncomingMessage } from 'node:http';
import { QuotelineError } from '@quoteline/protocol';
import { headersOf } from './nodeHttp';

/** A request whose body a route reads: a web Request (App Router) or Node's request (Pages Router API routes). */
export type BodyRequest = Request | IncomingMessage;

/** Reads a JSON body with a size limit; malformed or oversize bodies become 400/413 errors. */
export async function readJson(request: BodyRequest, maxBytes = 16 * 1024): Promise<unknown> {
  const type = headerOf(request, 'content-type') ?? '';
  if (!/^application\/json\b/i.test(type))
    throw new QuotelineError('invalid_body', 'Send the body as JSON with Content-Type: application/json.');
  const text = await readText(request, maxBytes);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new QuotelineError('invalid_body', 'The body is not valid JSON.');
  }
}

/** Reads a text body (e.g. a CSV upload) with a size limit; oversize bodies become 413. */
export async function readText(request: BodyRequest, maxBytes: number): Promise<string> {
  if (Number(headerOf(request, 'content-length') ?? '0') > maxBytes) throw tooLarge(maxBytes);
  const bytes =
    request instanceof IncomingMessage ? await readNode(request, maxBytes) : await readWeb(request, maxBytes);
  return new TextDecoder().decode(bytes);
}

function headerOf(request: BodyRequest, name: string): string | null {
  return (request instanceof IncomingMessage ? headersOf(request) : request).headers.get(name);
}

/**
 * Reads the body as it streams in, counting bytes, and stops at `maxBytes`:
 * a chunked body has no Content-Length to refuse up front, and reading it
 * whole first (`request.text()`) would hold any size in memory.
 */
async function readWeb(request: Request, maxBytes: number): Promise<Uint8Array> {
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return Buffer.concat(chunks, size);
    size += value.byteLength;
    if (size > maxBytes) {
      void reader.cancel().catch(() => undefined); // nothing more of it is read
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
}

/**
 * The same for Node's request. Past the limit it stops listening and pauses the request rather than destroying it
 * (that would take the socket, and the 413 with it); `handleNode` closes the connection after the answer.
 */
function readNode(request: IncomingMessage, maxBytes: number): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = () => {
      request.off('data', onData).off('end', onEnd).off('error', onError).off('close', onClose);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size <= maxBytes) return void chunks.push(chunk);
      stop();
      request.pause();
      reject(tooLarge(maxBytes));
    };
    const onEnd = () => {
      stop();
      resolve(Buffer.concat(chunks, size));
    };
    const onError = (error: Error) => {
      stop();
      reject(error);
    };
    const onClose = () => {
      stop();
      reject(new QuotelineError('bad_request', 'The request ended before its body did.'));
    };
    request.on('data', onData).on('end', onEnd).on('error', onError).on('close', onClose);
  });
}

function tooLarge(maxBytes: number): QuotelineError {
  return new QuotelineError('payload_too_large', `The body is larger than ${maxBytes} bytes; send at most that much.`);
}
