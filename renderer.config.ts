// The renderer's build, shared by vite.config.ts (browser mode and the e2e tests) and electron.vite.config.ts
// (the desktop app), so both commands produce the same out/renderer and either may reuse the other's build.
// Every option electron-vite would otherwise default differently from Vite is set here.
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import type { UserConfig } from 'vite'

const root = fileURLToPath(new URL('.', import.meta.url))
const at = (path: string) => resolve(root, path)

/** src-renderer → out/renderer with relative asset paths (the desktop app loads it from a file: URL). */
export const rendererConfig = {
  root: at('src-renderer'),
  base: './',
  plugins: [react()],
  envDir: root,
  envPrefix: 'VITE_',
  build: {
    outDir: at('out/renderer'),
    emptyOutDir: true,
    // Browser mode runs in any current browser, the desktop app in Electron's Chromium: one target serves both.
    target: 'es2022',
    minify: true,
    modulePreload: { polyfill: false },
    reportCompressedSize: false,
    chunkSizeWarningLimit: 2000,
    rolldownOptions: { input: at('src-renderer/index.html') },
  },
} satisfies UserConfig
