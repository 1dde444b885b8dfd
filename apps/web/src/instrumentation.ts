// Start the platform with the server, so feeds tick before the first request.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { platform } = await import('@/server/platform');
  // A start that fails (its database down at boot) must not fail the server: requests try again and answer 503 meanwhile.
  await platform().catch(() => undefined);
}
