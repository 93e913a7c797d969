// The renderer on its own: what browser mode serves and the end-to-end tests drive.
// The Electron build (electron.vite.config.ts) compiles the same root.
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

export default defineConfig({
  root: 'src-renderer',
  base: './',
  plugins: [react()],
  build: { outDir: '../out/renderer', emptyOutDir: true, chunkSizeWarningLimit: 2000 },
})
