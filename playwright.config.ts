// End-to-end tests: the built renderer in Debian's Chromium, served by the real browser mode (real core, real
// SQLite) against the repo's Ollama simulator. Each test starts its own simulator and server (e2e/fixtures).
import { defineConfig } from '@playwright/test'

// Chromium's background connections are refused by the closed network here; these flags keep it quiet and fast.
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

export default defineConfig({
  testDir: 'e2e/specs',
  outputDir: 'test-results',
  timeout: 45_000,
  expect: { timeout: 10_000 },
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: [['list']],
  // The Chromium specs against browser mode, and the real desktop app (e2e/electron, skipped where Electron's
  // binary is not installed) on its own, so neither affects the other: `--project=electron` runs only that one.
  projects: [
    { name: 'chromium', testDir: 'e2e/specs' },
    { name: 'electron', testDir: 'e2e/electron' },
  ],
  use: {
    browserName: 'chromium',
    headless: true,
    viewport: { width: 1280, height: 800 },
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
})
