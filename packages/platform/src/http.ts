import { QuotelineError } from '@quoteline/protocol';

/** The one mapping from anything thrown to the public JSON error response. */
export function errorResponse(cause: unknown, headers?: HeadersInit): Response {
  const error = QuotelineError.from(cause);
  if (error.code === 'internal') console.error('quoteline: unexpected error', cause);
  return Response.json(error.toBody(), { status: error.status, headers });
}

/** Runs a route's work and maps any failure to the error response; route handlers are this plus parsing. */
export async function handle(work: () => Promise<Response>): Promise<Response> {
  try {
    return await work();
  } catch (cause) {
    return errorResponse(cause);
  }
}

/** Reads a JSON body with a size limit; malformed or oversize bodies become 400/413 errors. */
export async function readJson(request: Request, maxBytes = 16 * 1024): Promise<unknown> {
  const type = request.headers.get('content-type') ?? '';
  if (!/^application\/json\b/i.test(type)) throw new QuotelineError('invalid_body', 'Send the body as JSON with Content-Type: application/json.');
  const text = await readText(request, maxBytes);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new QuotelineError('invalid_body', 'The body is not valid JSON.');
  }
}

/** Reads a text body (e.g. a CSV upload) with a size limit; oversize bodies become 413. */
export async function readText(request: Request, maxBytes: number): Promise<string> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > maxBytes) throw new QuotelineError('payload_too_large', `The body is larger than ${maxBytes} bytes.`);
  const text = await request.text();
  if (Buffer.byteLength(text) > maxBytes) throw new QuotelineError('payload_too_large', `The body is larger than ${maxBytes} bytes.`);
  return text;
}
