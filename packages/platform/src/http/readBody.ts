import { QuotelineError } from '@quoteline/protocol';

/** Reads a JSON body with a size limit; malformed or oversize bodies become 400/413 errors. */
export async function readJson(request: Request, maxBytes = 16 * 1024): Promise<unknown> {
  const type = request.headers.get('content-type') ?? '';
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
export async function readText(request: Request, maxBytes: number): Promise<string> {
  return new TextDecoder().decode(await readBytes(request, maxBytes));
}

/**
 * Reads the body as it streams in, counting bytes, and stops at `maxBytes`:
 * a chunked body has no Content-Length to refuse up front, and reading it
 * whole first (`request.text()`) would hold any size in memory.
 */
async function readBytes(request: Request, maxBytes: number): Promise<Uint8Array> {
  if (Number(request.headers.get('content-length') ?? '0') > maxBytes) throw tooLarge(maxBytes);
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

function tooLarge(maxBytes: number): QuotelineError {
  return new QuotelineError('payload_too_large', `The body is larger than ${maxBytes} bytes; send at most that much.`);
}
