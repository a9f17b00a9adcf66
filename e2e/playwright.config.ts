import { defineConfig } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Each e2e run gets its own embedded database, so tests never see a previous run's data.
const dataDir = process.env.SCSAMAC_E2E_DATA_DIR ?? mkdtempSync(join(tmpdir(), 'scsamac-e2e-'));
process.env.SCSAMAC_E2E_DATA_DIR = dataDir;
const webPort = Number(process.env.E2E_WEB_PORT ?? 3100);
const apiPort = Number(process.env.E2E_API_PORT ?? 4100);

export default defineConfig({
  testDir: './tests',
  outputDir: './test-results',
  // The journey trains two real runs; its own test.setTimeout raises this for that test.
  timeout: 120_000,
  fullyParallel: false,
  workers: 1,
  // The JSON report feeds the closing 'N passed, N failed' line of npm test (scripts/test-summary.mjs).
  reporter: [['list'], ['json', { outputFile: 'test-results/report.json' }]],
  use: {
    baseURL: `http://127.0.0.1:${webPort}`,
    // An action that waits for an element that never comes fails here with its own name, not at the test timeout.
    actionTimeout: 60_000,
    // Debian's Chromium: Playwright's own browser download cannot reach the internet here.
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        // No GPU here: WebGL (the embedding scatter plot) runs on SwiftShader, Chromium's CPU renderer.
        '--use-angle=swiftshader',
        '--enable-unsafe-swiftshader',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
    screenshot: 'only-on-failure',
    acceptDownloads: true,
    viewport: { width: 1366, height: 900 },
    trace: 'retain-on-failure',
  },
  webServer: {
    command: 'npm start',
    cwd: '..',
    url: `http://127.0.0.1:${webPort}`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    env: {
      WEB_PORT: String(webPort),
      API_PORT: String(apiPort),
      SCSAMAC_DATA_DIR: dataDir,
      DATABASE_URL: '',
      NEXT_TELEMETRY_DISABLED: '1',
    },
  },
});
