import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import type { ServerResponse } from 'node:http'
import { extname, join, normalize, sep } from 'node:path'
import { pipeline } from 'node:stream/promises'
import { CONTENT_SECURITY_POLICY } from '../../src-shared/content-security-policy'

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
}

/** What pipeline rejects with when the client disconnects before the whole file was sent. */
const CLIENT_GONE = new Set(['ERR_STREAM_PREMATURE_CLOSE', 'ECONNRESET', 'EPIPE'])

/** Headers every browser-mode response carries; the policy is the page's meta tag's, with what only a header can carry. */
export const SECURITY_HEADERS = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
}

/**
 * Serves a file of the built renderer; `false` when there is no such file (the caller answers 404). Settles once
 * the file is sent or the client went away, and closes the file either way.
 */
export async function serveStatic(rootDir: string, pathname: string, response: ServerResponse): Promise<boolean> {
  let decoded: string
  try {
    decoded = decodeURIComponent(pathname)
  } catch {
    return false // broken percent-encoding names no file
  }
  const relative = pathname === '/' ? 'index.html' : decoded.replace(/^\/+/, '')
  const root = normalize(rootDir + sep)
  const file = normalize(join(root, relative))
  if (!file.startsWith(root)) return false // a path that climbs out of the renderer folder
  const info = await stat(file).catch(() => null)
  if (!info?.isFile()) return false
  const type = CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream'
  const cache = relative === 'index.html' ? 'no-store' : 'public, max-age=3600'
  response.writeHead(200, {
    ...SECURITY_HEADERS,
    'content-type': type,
    'content-length': info.size,
    'cache-control': cache,
  })
  const source = createReadStream(file)
  try {
    // pipeline, unlike .pipe, destroys the file stream when the response closes early, releasing its descriptor.
    await pipeline(source, response)
  } catch (error) {
    // A client that closes the tab mid-download is not an error worth a log line; a failed read is.
    if (!CLIENT_GONE.has((error as NodeJS.ErrnoException).code ?? '')) throw error
  } finally {
    // pipeline may settle before the destroyed stream has closed its descriptor.
    if (!source.closed) await new Promise<void>((resolve) => source.once('close', () => resolve()))
  }
  return true
}
