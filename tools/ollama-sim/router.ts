import { chatHandler, generateHandler } from './routes/chat'
import { createHandler } from './routes/create'
import { psHandler, rootHandler, tagsHandler, versionHandler } from './routes/listing'
import { copyHandler, deleteHandler } from './routes/manage'
import { pullHandler } from './routes/pull'
import { showHandler } from './routes/show'
import type { Handler } from './routes/types'

/** Every route the simulator serves, by path then method (HEAD only where Ollama routes it). */
export const ROUTES: Record<string, Partial<Record<string, Handler>>> = {
  '/': { GET: rootHandler, HEAD: rootHandler },
  '/api/version': { GET: versionHandler, HEAD: versionHandler },
  '/api/tags': { GET: tagsHandler, HEAD: tagsHandler },
  '/api/ps': { GET: psHandler },
  '/api/show': { POST: showHandler },
  '/api/create': { POST: createHandler },
  '/api/pull': { POST: pullHandler },
  '/api/copy': { POST: copyHandler },
  '/api/delete': { DELETE: deleteHandler },
  '/api/chat': { POST: chatHandler },
  '/api/generate': { POST: generateHandler },
}

const ALLOWED_ORIGINS = [
  /^https?:\/\/(localhost|127\.0\.0\.1|0\.0\.0\.0)(:\d+)?$/i,
  /^(app|file|tauri|vscode-webview|vscode-file):\/\//i,
]

/** Ollama's default CORS allow-list (`envconfig.AllowedOrigins`, without `OLLAMA_ORIGINS`). */
export function isAllowedOrigin(origin: string): boolean {
  return ALLOWED_ORIGINS.some((pattern) => pattern.test(origin))
}
