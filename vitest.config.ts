import react from '@vitejs/plugin-react'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          include: ['src-main/**/*.test.ts', 'src-shared/**/*.test.ts', 'scripts/**/*.test.ts'],
          // Lets a test vi.mock('electron') reach the import inside electron-store.
          server: { deps: { inline: ['electron-store'] } },
          testTimeout: 15_000,
        },
      },
      {
        plugins: [react()],
        test: {
          name: 'renderer',
          environment: 'jsdom',
          include: ['src-renderer/**/*.test.{ts,tsx}'],
          // Renderer tests record their rows of docs/reliability.md through main's recorder (Node's fs).
          setupFiles: ['src-main/test-support/renderer-reliability-setup.ts'],
          testTimeout: 15_000,
        },
      },
      // The Ollama simulator's own test project (tools/ollama-sim/vitest.config.ts).
      'tools/ollama-sim',
    ],
  },
})
