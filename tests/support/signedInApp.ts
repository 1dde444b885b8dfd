import { afterAll, beforeAll } from 'vitest';
import { startAppServer, type AppServer } from './appServer';
import { signIn, type TestSession } from './session';

export interface SignedInApp {
  server: AppServer;
  /** the seeded admin, signed in */
  admin: TestSession;
  /** the seeded trader, signed in */
  trader: TestSession;
}

/**
 * One app server for the test file with the seeded admin and trader signed
 * in before its first test, stopped after its last. The fields are set by
 * then: read them inside tests, not at the top level.
 */
export function appPerFile(options: Parameters<typeof startAppServer>[0]): SignedInApp {
  const app = {} as SignedInApp;
  beforeAll(async () => {
    app.server = await startAppServer(options);
    app.admin = await signIn(app.server.url, 'admin@example.com', 'quoteline-admin');
    app.trader = await signIn(app.server.url, 'trader@example.com', 'quoteline-trader');
  });
  afterAll(() => app.server?.stop());
  return app;
}
