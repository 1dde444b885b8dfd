import type { FullConfig } from '@playwright/test';
import { embedKeySql, feedSql, startAppServer } from '../support/appServer';

/**
 * Starts the built app on its own fresh database at the configured baseURL,
 * seeded like `npm start` (demo history included), with test hooks on and an extra `fx` feed (4 instruments, 1 s tick) for widgets added later.
 */
export default async function globalSetup(config: FullConfig) {
  const baseURL = config.projects[0]!.use.baseURL!;
  const server = await startAppServer({
    port: Number(new URL(baseURL).port),
    history: true, // charts show a past, as after `npm start`
    env: { QUOTELINE_INSTANCE: 'e2e-1', QUOTELINE_TEST_HOOKS: '1' },
    sql: [
      feedSql('fx', { tickMs: 1000, count: 4, prefix: 'FX' }),
      embedKeySql('pk_shop_example_only', { origins: ['https://shop.example'], feeds: ['demo'] }),
    ].join('\n'),
  });
  return () => server.stop();
}
