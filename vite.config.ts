// The renderer on its own: what browser mode serves and the end-to-end tests drive. The Electron build
// (electron.vite.config.ts) uses the same renderer.config.ts. The extension is written out because Vite's coming
// native config loader (plain Node import) cannot resolve extensionless paths, and warns about them on every build.
import { defineConfig } from 'vite'
import { rendererConfig } from './renderer.config.ts'

export default defineConfig(rendererConfig)
