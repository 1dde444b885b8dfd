// Start the platform with the server, so feeds tick before the first request.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { platform } = await import('./server/platform');
  await platform();
}
