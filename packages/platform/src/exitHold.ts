/**
 * Makes `process.exit` wait until `work` settles (at most `maxMs`). On SIGTERM
 * `next start` closes its HTTP server and then calls `process.exit` itself,
 * which would cut the platform's final writes (candles, last prices) short.
 */
export function holdExitUntil(
  work: Promise<unknown>,
  options: { maxMs?: number; proc?: Pick<NodeJS.Process, 'exit'> } = {},
): void {
  const proc = options.proc ?? process;
  const exit = proc.exit.bind(proc);
  const settled = Promise.race([
    work.then(
      () => undefined,
      () => undefined,
    ),
    new Promise<void>((resolve) => setTimeout(resolve, options.maxMs ?? 5_000).unref()),
  ]);
  proc.exit = ((code?: number | string | null) => {
    void settled.then(() => exit(code));
  }) as NodeJS.Process['exit'];
}
