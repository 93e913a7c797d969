// electron-updater itself, not a stand-in, reading a feed served locally: the update metadata electron-builder
// publishes (`latest*.yml`) decides whether a newer version exists, and the download that follows is checked
// against its sha512 before "Restart to update" is offered. Electron's own app adapter and HTTP client cannot run
// here, so the updater gets a Node adapter and Node's http (electron-builder's own tests do the same).
import { createHash } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, request, type ClientRequest, type RequestOptions, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  CancellationToken,
  configureRequestOptions,
  configureRequestUrl,
  HttpExecutor,
  type DownloadOptions,
} from 'builder-util-runtime'
import { AppImageUpdater } from 'electron-updater'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createMemoryLogger } from '../core/log'
import { createUpdates, type UpdaterLike } from './updater'

/** Node's http in place of Electron's `net`; `download` as electron-updater's ElectronHttpExecutor does it. */
class NodeHttpExecutor extends HttpExecutor<ClientRequest> {
  createRequest(options: RequestOptions, callback: (response: unknown) => void): ClientRequest {
    return request(options, callback)
  }

  download(url: URL, destination: string, options: DownloadOptions): Promise<string> {
    const token = options.cancellationToken ?? new CancellationToken()
    return token.createPromise<string>((resolve, reject, onCancel) => {
      const requestOptions: RequestOptions = { headers: options.headers ?? undefined }
      configureRequestUrl(url, requestOptions)
      configureRequestOptions(requestOptions)
      this.doDownload(
        requestOptions,
        {
          destination,
          options,
          onCancel,
          callback: (error) => (error == null ? resolve(destination) : reject(error)),
          responseHandler: null,
        },
        0,
      )
    })
  }
}

const cleanups: (() => void | Promise<void>)[] = []
afterEach(async () => {
  vi.unstubAllEnvs()
  for (const cleanup of cleanups.splice(0)) await cleanup()
})

/** How a feed goes wrong: the metadata names a sha512 the file does not have, or the server answers an error. */
interface FeedFault {
  wrongSha512?: true
  status?: number
}

/** Serves `latest*.yml` for `version` and the AppImage it names (or fails as `fault` says). */
async function serveFeed(version: string, fault: FeedFault = {}): Promise<{ url: string; requests: string[] }> {
  const file = Buffer.from(`the ollmchat ${version} AppImage`)
  const name = `ollmchat-${version}.AppImage`
  const published = fault.wrongSha512 ? Buffer.from('another file than the one served') : file
  const sha512 = createHash('sha512').update(published).digest('base64')
  const yml = `version: ${version}\nfiles:\n  - url: ${name}\n    sha512: ${sha512}\n    size: ${file.length}\npath: ${name}\nsha512: ${sha512}\nreleaseDate: '2026-01-01T00:00:00.000Z'\n`
  const requests: string[] = []
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://feed').pathname
    requests.push(path)
    if (fault.status !== undefined) res.writeHead(fault.status).end()
    else if (/^\/latest(-linux|-mac)?\.yml$/.test(path)) res.end(yml)
    else if (path === `/${name}`) res.end(file)
    else res.writeHead(404).end()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())))
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, requests }
}

/** A real electron-updater for an installed AppImage of `installed`, reading the feed at `feedUrl` from app-update.yml. */
function realUpdater(installed: string, feedUrl: string): UpdaterLike {
  const dir = mkdtempSync(join(tmpdir(), 'ollmchat-updater-'))
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
  // What electron-builder writes into a package from `publish` (here a generic feed instead of GitHub releases).
  writeFileSync(
    join(dir, 'app-update.yml'),
    `provider: generic\nurl: ${feedUrl}\nupdaterCacheDirName: ollmchat-updater\n`,
  )
  writeFileSync(join(dir, 'installed.AppImage'), 'the installed AppImage')
  vi.stubEnv('APPIMAGE', join(dir, 'installed.AppImage'))
  // electron-updater's AppAdapter (not exported by name): the app facts it asks Electron's `app` for.
  const app: ConstructorParameters<typeof AppImageUpdater>[1] = {
    version: installed,
    name: 'ollmchat',
    isPackaged: true,
    appUpdateConfigPath: join(dir, 'app-update.yml'),
    userDataPath: join(dir, 'userData'),
    baseCachePath: join(dir, 'cache'),
    whenReady: () => Promise.resolve(),
    relaunch: () => {},
    quit: () => {},
    onQuit: () => {},
  }
  const updater = new AppImageUpdater(undefined, app)
  // Tests run on Linux (AppImageUpdater, latest-linux.yml); the feed also answers the other platforms' names.
  Object.assign(updater, { httpExecutor: new NodeHttpExecutor(), disableDifferentialDownload: true })
  return updater
}

/**
 * The app's own lines about a failure, after checking electron-updater's do not repeat the error event (its
 * explanations, such as which file failed its checksum, stay: they say what it was doing).
 */
function appFailures(lines: ReturnType<typeof createMemoryLogger>['lines']) {
  expect(lines.filter((line) => line.message.startsWith('updater: Error'))).toEqual([])
  return lines.filter((line) => line.level !== 'info' && !line.message.startsWith('updater: '))
}

describe('electron-updater over a local feed', () => {
  it('finds a newer version, downloads it and offers the restart', async () => {
    const feed = await serveFeed('0.2.0')
    const ready: string[] = []
    const updates = createUpdates({
      updater: realUpdater('0.1.0', feed.url),
      log: createMemoryLogger(),
      onReady: (v) => ready.push(v),
    })
    await updates.start()
    updates.stop()
    expect(ready).toEqual(['0.2.0'])
    expect(updates.readyVersion()).toBe('0.2.0')
    expect(feed.requests).toContainEqual(expect.stringMatching(/^\/latest(-linux)?\.yml$/))
    expect(feed.requests).toContain('/ollmchat-0.2.0.AppImage')
  })

  it('downloads nothing when the feed’s version is the installed one or older', async () => {
    for (const [installed, published] of [
      ['0.2.0', '0.2.0'],
      ['0.3.0', '0.2.0'],
    ]) {
      const feed = await serveFeed(published ?? '')
      const log = createMemoryLogger()
      const updater = realUpdater(installed ?? '', feed.url)
      const checked = updater.checkForUpdates() as Promise<{ isUpdateAvailable: boolean } | null>
      expect((await checked)?.isUpdateAvailable).toBe(false)
      const updates = createUpdates({ updater, log, onReady: () => {} })
      expect(updates.readyVersion()).toBeNull()
      expect(feed.requests.some((path) => path.endsWith('.AppImage'))).toBe(false)
    }
  })

  it('refuses a download whose sha512 is not the one the feed published: logged once, no restart offered', async () => {
    const feed = await serveFeed('0.2.0', { wrongSha512: true })
    const ready: string[] = []
    const log = createMemoryLogger()
    const updates = createUpdates({ updater: realUpdater('0.1.0', feed.url), log, onReady: (v) => ready.push(v) })
    await updates.start()
    updates.stop()
    expect(feed.requests).toContain('/ollmchat-0.2.0.AppImage')
    expect(ready).toEqual([])
    expect(updates.readyVersion()).toBeNull()
    expect(updates.restartToUpdate()).toBe(false)
    const failures = appFailures(log.lines)
    expect(failures.map((line) => line.message)).toEqual(['the update check or download failed'])
    expect(String(failures[0]?.fields?.['error'])).toMatch(/^sha512 checksum mismatch/)
  })

  it('logs a feed that answers 404 or 500 once, and carries on', async () => {
    for (const status of [404, 500]) {
      const feed = await serveFeed('0.2.0', { status })
      const log = createMemoryLogger()
      const updates = createUpdates({ updater: realUpdater('0.1.0', feed.url), log, onReady: () => {} })
      await updates.start()
      updates.stop()
      expect(updates.readyVersion()).toBeNull()
      const failures = appFailures(log.lines)
      expect(failures, String(status)).toEqual([
        expect.objectContaining({ message: 'the update check or download failed' }),
      ])
      expect(String(failures[0]?.fields?.['error'])).toContain(String(status))
    }
  })
})
