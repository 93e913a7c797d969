import { readFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import config from '../../electron.vite.config'
import { rendererConfig } from '../../renderer.config'

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const rel = (path: unknown) => relative(repo, String(path)).split('\\').join('/')

interface LibOptions {
  entry: Record<string, string>
  formats: string[]
}
interface OutputOptions {
  format?: string
  entryFileNames?: string
}

function build(side: 'main' | 'preload') {
  const options = config[side]?.build
  const lib = options?.lib as LibOptions | undefined
  const output = options?.rolldownOptions?.output as OutputOptions | undefined
  if (!options || !lib || !output) throw new Error(`no ${side} build options`)
  return { outDir: rel(options.outDir), lib, output }
}

describe('electron.vite.config.ts', () => {
  it('builds main from src-main/electron/main.ts to the file package.json names, and the search worker beside it', () => {
    const main = build('main')
    const entries = Object.fromEntries(Object.entries(main.lib.entry).map(([name, path]) => [name, rel(path)]))
    // search-thread.ts starts the worker as ./search-worker.js next to the module that imports it.
    expect(entries).toEqual({
      main: 'src-main/electron/main.ts',
      'search-worker': 'src-main/core/history/search-worker.ts',
    })
    expect(String(main.output.entryFileNames).replace('[name]', 'search-worker')).toBe('search-worker.js')
    const file = `${main.outDir}/${String(main.output.entryFileNames).replace('[name]', 'main')}`
    const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { main: string; type: string }
    expect(file).toBe(pkg.main)
    expect(pkg.type).toBe('module')
    expect(main.lib.formats).toEqual(['es'])
  })

  it('builds the preload as CommonJS with a .cjs name, where main.ts looks for it', () => {
    const preload = build('preload')
    expect(Object.values(preload.lib.entry).map(rel)).toEqual(['src-main/electron/preload.ts'])
    expect(preload.lib.formats).toEqual(['cjs'])
    expect(preload.output.format).toBe('cjs')
    expect(preload.output.entryFileNames).toBe('[name].cjs')
    expect(preload.outDir).toBe('out/preload')
    expect(readFileSync(join(repo, 'src-main/electron/main.ts'), 'utf8')).toContain("'../preload/preload.cjs'")
  })

  it('builds the renderer from src-renderer into out/renderer with relative asset paths', () => {
    const renderer = config.renderer
    expect(rel(renderer?.root)).toBe('src-renderer')
    expect(rel(renderer?.build?.outDir)).toBe('out/renderer')
    expect(renderer?.base).toBe('./')
    expect(readFileSync(join(repo, 'src-main/electron/main.ts'), 'utf8')).toContain("'../renderer/index.html'")
  })

  it('builds the renderer with the config vite.config.ts uses, so either build serves both modes', () => {
    expect(config.renderer).toBe(rendererConfig)
    expect(readFileSync(join(repo, 'vite.config.ts'), 'utf8')).toContain('defineConfig(rendererConfig)')
  })

  it('keeps package dependencies external to main, but bundles them into the sandboxed preload', () => {
    expect(config.main?.build?.externalizeDeps).toBe(true)
    expect(config.preload?.build?.externalizeDeps).toBe(false)
  })
})
