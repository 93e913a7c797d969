import { mkdtempSync, readdirSync, readlinkSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, request as httpRequest, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { serveStatic } from './static-files'

/** Large enough that the socket buffers cannot take it all before the client hangs up. */
const BIG_FILE_BYTES = 48 * 1024 * 1024

/** Descriptors this process holds on `file` (Linux exposes them under /proc/self/fd). */
function openDescriptorsOn(file: string): number {
  let count = 0
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      if (readlinkSync(join('/proc/self/fd', fd)) === file) count += 1
    } catch {
      // The descriptor readdir itself used is gone by now.
    }
  }
  return count
}

describe('serveStatic', () => {
  let dir: string
  let server: Server
  let served: Promise<boolean>[]

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ollmchat-static-'))
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>ok</title>')
    served = []
    server = createServer((request, response) => {
      const found = serveStatic(dir, new URL(request.url ?? '/', 'http://127.0.0.1').pathname, response)
      served.push(found)
      void found.then((ok) => (ok ? undefined : response.writeHead(404).end()))
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  })
  afterEach(async () => {
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
    rmSync(dir, { recursive: true, force: true })
  })

  const get = (path: string, onFirstChunk?: (destroy: () => void) => void) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const { port } = server.address() as AddressInfo
      const req = httpRequest({ host: '127.0.0.1', port, path }, (res) => {
        let body = ''
        res.setEncoding('latin1')
        res.on('data', (chunk: string) => {
          if (onFirstChunk && body === '')
            onFirstChunk(() => {
              req.destroy()
              resolve({ status: res.statusCode ?? 0, body: chunk })
            })
          body += chunk
        })
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
      })
      req.on('error', (error) => (req.destroyed ? undefined : reject(error)))
      req.end()
    })

  it('sends a file of the folder and answers false for one that is missing', async () => {
    expect(await get('/')).toEqual({ status: 200, body: '<!doctype html><title>ok</title>' })
    expect(await get('/nope.js')).toEqual({ status: 404, body: '' })
    expect(await get('/%E0%A4%A.js')).toEqual({ status: 404, body: '' })
    expect(await Promise.all(served)).toEqual([true, false, false])
  })

  it('settles and closes the file when the client hangs up mid-download', async () => {
    const big = join(dir, 'big.js')
    writeFileSync(big, Buffer.alloc(BIG_FILE_BYTES, 'a'))
    const partial = await get('/big.js', (destroy) => destroy())
    expect(partial.status).toBe(200)
    expect(partial.body.length).toBeLessThan(BIG_FILE_BYTES)
    expect(served).toHaveLength(1)
    // With .pipe the file stream stayed paused forever: this never settled and the descriptor stayed open.
    expect(await served[0]).toBe(true)
    // Linux shows the descriptors under /proc; elsewhere the settle check above is the evidence.
    if (process.platform === 'linux') expect(openDescriptorsOn(big)).toBe(0)
  })
})
