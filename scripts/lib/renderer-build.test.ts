import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import {
  desktopBuildIsMissing,
  ensureRendererBuilt,
  existingBuildLine,
  rendererBuildIsMissing,
} from './renderer-build.mjs'

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

/** A project with sources and a complete desktop build. */
function builtProject(): string {
  const root = mkdtempSync(join(tmpdir(), 'ollmchat-build-'))
  roots.push(root)
  for (const source of [
    'src-renderer/main.tsx',
    'src-shared/limits.ts',
    'src-main/electron/main.ts',
    'vite.config.ts',
    'renderer.config.ts',
    'electron.vite.config.ts',
    'package.json',
  ])
    file(root, source, OLD)
  for (const output of ['out/renderer/index.html', 'out/main/main.js', 'out/preload/preload.cjs'])
    file(root, output, BUILT)
  return root
}

describe('what a launch builds', () => {
  it('builds nothing when every output is there, and never judges an existing build by its sources', () => {
    const root = builtProject()
    for (const changed of ['src-renderer/main.tsx', 'src-main/electron/main.ts', 'package.json'])
      file(root, changed, NEW)
    expect(rendererBuildIsMissing(root)).toBe(false)
    expect(desktopBuildIsMissing(root)).toBe(false)
  })

  it('builds the desktop app when any of its parts is missing, and the window only when its own page is', () => {
    const noPreload = builtProject()
    rmSync(join(noPreload, 'out/preload/preload.cjs'))
    expect([desktopBuildIsMissing(noPreload), rendererBuildIsMissing(noPreload)]).toEqual([true, false])

    const noWindow = builtProject()
    rmSync(join(noWindow, 'out/renderer/index.html'))
    expect([desktopBuildIsMissing(noWindow), rendererBuildIsMissing(noWindow)]).toEqual([true, true])
  })

  it('says which build is used and how to rebuild it', () => {
    const line = existingBuildLine(builtProject(), 'npm run build:web')
    expect(line).toMatch(
      /^ollmchat: using the build in out\/ from .*2024.*; run `npm run build:web` after changing the sources\.$/,
    )
  })
})

describe('ensureRendererBuilt', () => {
  it("builds with the config file's own root, so index.html lands in out/renderer and the build is then current", async () => {
    // A project shaped like this one (the page under src-renderer/, the config at the root naming that root), small
    // enough to build in about a second.
    const root = mkdtempSync(join(tmpdir(), 'ollmchat-build-'))
    roots.push(root)
    file(root, 'src-renderer/index.html', OLD)
    writeFileSync(
      join(root, 'src-renderer/index.html'),
      '<!doctype html><title>t</title><script type="module" src="./main.js"></script>',
    )
    writeFileSync(join(root, 'src-renderer/main.js'), 'document.title = "built"')
    writeFileSync(
      join(root, 'vite.config.ts'),
      `export default ${JSON.stringify({ root: join(root, 'src-renderer'), base: './', logLevel: 'silent', build: { outDir: join(root, 'out/renderer'), emptyOutDir: true } })}`,
    )
    expect(rendererBuildIsMissing(root)).toBe(true)
    expect(await ensureRendererBuilt(root)).toBe(true)
    expect(existsSync(join(root, 'out/renderer/index.html'))).toBe(true)
    expect(rendererBuildIsMissing(root)).toBe(false)
    expect(await ensureRendererBuilt(root)).toBe(false)
  }, 60_000)
})
