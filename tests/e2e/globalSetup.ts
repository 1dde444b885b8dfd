import type { FullConfig } from '@playwright/test';
import { embedKeySql, startAppServer } from '../support/appServer';

/**
 * Starts the built app on its own fresh database at the configured baseURL,
 * seeded like `npm start` (demo and fx feeds, history included), with test hooks on.
 */
export default async function globalSetup(config: FullConfig) {
  const baseURL = config.projects[0]!.use.baseURL!;
  const server = await startAppServer({
    port: Number(new URL(baseURL).port),
    history: true, // charts show a past, as after `npm start`
    env: { QUOTELINE_INSTANCE: 'e2e-1', QUOTELINE_TEST_HOOKS: '1' },
    sql: [
      embedKeySql('pk_shop_example_only', { origins: ['https://shop.example'], feeds: ['demo'] }),
      // The React example app (another localhost port) switches a board between two feeds.
      embedKeySql('pk_react_example', { origins: ['http://localhost:*'], feeds: ['demo', 'fx'] }),
    ].join('\n'),
  });
  return () => server.stop();
}
