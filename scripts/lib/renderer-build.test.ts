import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { desktopBuildIsStale, ensureRendererBuilt, rendererBuildIsStale } from './renderer-build.mjs'

const roots: string[] = []
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true })
})

const OLD = new Date('2024-01-01T00:00:00Z')
const BUILT = new Date('2024-06-01T00:00:00Z')
const NEW = new Date('2024-12-01T00:00:00Z')

/** Writes `path` under `root` with the given modification time (its folders get the old time). */
function file(root: string, path: string, time: Date): void {
  const full = join(root, path)
  mkdirSync(dirname(full), { recursive: true })
  writeFileSync(full, path)
  utimesSync(full, time, time)
  for (let dir = dirname(full); dir.startsWith(root) && dir !== root; dir = dirname(dir)) utimesSync(dir, OLD, OLD)
}

/** A project whose sources are all older than a complete desktop build. */
function builtProject(): string {
  const root = mkdtempSync(join(tmpdir(), 'ollmchat-build-'))
  roots.push(root)
  for (const source of [
    'src-renderer/main.tsx',
    'src-shared/limits.ts',
    'src-main/electron/main.ts',
    'scripts/lib/electron-sqlite.mjs',
    'vite.config.ts',
    'renderer.config.ts',
    'electron.vite.config.ts',
    'package.json',
  ]) file(root, source, OLD)
  for (const output of ['out/renderer/index.html', 'out/main/main.js', 'out/preload/preload.cjs']) file(root, output, BUILT)
  return root
}

describe('build staleness', () => {
  it('finds a build newer than every source current', () => {
    const root = builtProject()
    expect(rendererBuildIsStale(root)).toBe(false)
    expect(desktopBuildIsStale(root)).toBe(false)
  })

  it('rebuilds both after a renderer, shared or shared-config change', () => {
    for (const changed of ['src-renderer/main.tsx', 'src-shared/limits.ts', 'renderer.config.ts', 'package.json']) {
      const root = builtProject()
      file(root, changed, NEW)
      expect([changed, rendererBuildIsStale(root), desktopBuildIsStale(root)]).toEqual([changed, true, true])
    }
  })

  it('rebuilds only the desktop build after a main-process change', () => {
    for (const changed of ['src-main/electron/main.ts', 'electron.vite.config.ts', 'scripts/lib/electron-sqlite.mjs']) {
      const root = builtProject()
      file(root, changed, NEW)
      expect([changed, rendererBuildIsStale(root), desktopBuildIsStale(root)]).toEqual([changed, false, true])
    }
  })

  it('treats a missing output as stale, and a desktop build as old as its oldest part', () => {
    const missing = builtProject()
    rmSync(join(missing, 'out/preload/preload.cjs'))
    expect(desktopBuildIsStale(missing)).toBe(true)
    expect(rendererBuildIsStale(missing)).toBe(false)

    const partly = builtProject()
    file(partly, 'src-main/electron/main.ts', NEW)
    file(partly, 'out/renderer/index.html', new Date('2025-01-01T00:00:00Z'))
    expect(desktopBuildIsStale(partly)).toBe(true)
  })
})

describe('ensureRendererBuilt', () => {
  it("builds with the config file's own root, so index.html lands in out/renderer and the build is then current", async () => {
    // A project shaped like this one (the page under src-renderer/, the config at the root naming that root), small
    // enough to build in about a second.
    const root = mkdtempSync(join(tmpdir(), 'ollmchat-build-'))
    roots.push(root)
    file(root, 'src-renderer/index.html', OLD)
    writeFileSync(join(root, 'src-renderer/index.html'), '<!doctype html><title>t</title><script type="module" src="./main.js"></script>')
    writeFileSync(join(root, 'src-renderer/main.js'), 'document.title = "built"')
    writeFileSync(
      join(root, 'vite.config.ts'),
      `export default ${JSON.stringify({ root: join(root, 'src-renderer'), base: './', logLevel: 'silent', build: { outDir: join(root, 'out/renderer'), emptyOutDir: true } })}`,
    )
    expect(rendererBuildIsStale(root)).toBe(true)
    expect(await ensureRendererBuilt(root)).toBe(true)
    expect(existsSync(join(root, 'out/renderer/index.html'))).toBe(true)
    expect(rendererBuildIsStale(root)).toBe(false)
    expect(await ensureRendererBuilt(root)).toBe(false)
  }, 60_000)
})
