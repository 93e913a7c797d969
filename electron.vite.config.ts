// The desktop build (`electron-vite build`). Entries are explicit because the folders are not electron-vite's
// defaults: main → out/main/main.js (ESM, like the package), preload → out/preload/preload.cjs, renderer →
// out/renderer. package.json `dependencies` stay external to main, so better-sqlite3 keeps loading its native
// binary from node_modules.
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'electron-vite'

const root = fileURLToPath(new URL('.', import.meta.url))
const at = (path: string) => resolve(root, path)

export default defineConfig({
  main: {
    build: {
      outDir: at('out/main'),
      externalizeDeps: true,
      lib: { entry: { main: at('src-main/electron/main.ts') }, formats: ['es'] },
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
  renderer: {
    root: at('src-renderer'),
    base: './',
    plugins: [react()],
    build: {
      outDir: at('out/renderer'),
      emptyOutDir: true,
      chunkSizeWarningLimit: 2000,
      rolldownOptions: { input: at('src-renderer/index.html') },
    },
  },
})
