// The desktop build (`electron-vite build`). Entries are explicit because the folders are not electron-vite's
// defaults: main → out/main/main.js (ESM, like the package), preload → out/preload/preload.cjs, renderer →
// out/renderer (renderer.config.ts, shared with vite.config.ts). package.json `dependencies` stay external to
// main, so better-sqlite3 keeps loading its native binary from node_modules.
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'electron-vite'
import { rendererConfig } from './renderer.config'

const root = fileURLToPath(new URL('.', import.meta.url))
const at = (path: string) => resolve(root, path)

export default defineConfig({
  main: {
    build: {
      outDir: at('out/main'),
      externalizeDeps: true,
      // The search worker is its own entry: main starts it as out/main/search-worker.js (search-thread.ts).
      lib: {
        entry: { main: at('src-main/electron/main.ts'), 'search-worker': at('src-main/core/history/search-worker.ts') },
        formats: ['es'],
      },
      rolldownOptions: { output: { entryFileNames: '[name].js' } },
    },
  },
  preload: {
    build: {
      outDir: at('out/preload'),
      // A sandboxed preload can `require` only electron and a few Node built-ins: bundle everything else.
      externalizeDeps: false,
      // Sandboxed preloads have no ESM loader, and in a "type": "module" package only `.cjs` is CommonJS.
      lib: { entry: { preload: at('src-main/electron/preload.ts') }, formats: ['cjs'] },
      rolldownOptions: { output: { format: 'cjs', entryFileNames: '[name].cjs' } },
    },
  },
  renderer: rendererConfig,
})
