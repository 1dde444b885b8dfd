import { defineConfig } from '@playwright/test';

const port = Number(process.env.E2E_PORT ?? 3217);

// Debian's chromium, never a downloaded browser. launchOptions live here only:
// a project's own launchOptions would replace (not merge) these.
export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  timeout: 60_000,
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: process.env.PLAYWRIGHT_JSON_OUTPUT ?? '.data/test-results/e2e.json' }]],
  outputDir: '.data/test-results/e2e-artifacts',
  globalSetup: './tests/e2e/globalSetup.ts',
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    browserName: 'chromium',
    headless: true,
    screenshot: 'only-on-failure',
    // Widgets format for the reader's locale: pin it, so text and number assertions do not follow the host's.
    locale: 'en-US',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
});
