// Runs only the self-test of the reliability fixture (src-main/test-support/reliability-fixture.test.ts starts it
// with OLLMCHAT_RELIABILITY_RECORDS set); the main playwright.config.ts never includes this folder.
import { defineConfig } from '@playwright/test'

export default defineConfig({
  testDir: '.',
  outputDir: '../../test-results/reliability-selftest',
  workers: 1,
  retries: 0,
  reporter: [['line']],
})
