import { defineProject } from 'vitest/config'

// The simulator's own test project; the root vitest.config.ts lists this folder among its projects.
export default defineProject({
  test: {
    name: 'ollama-sim',
    environment: 'node',
    include: ['**/*.test.ts'],
    testTimeout: 15_000,
  },
})
