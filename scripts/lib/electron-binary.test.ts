import { describe, expect, it } from 'vitest'
import { electronEnv, resolveElectronBinary } from './electron-binary.mjs'

describe('resolveElectronBinary', () => {
  it('is undefined when require("electron") throws (no binary was downloaded)', () => {
    const load = () => {
      throw new Error(
        'Electron failed to install correctly, please delete node_modules/electron and try installing again',
      )
    }
    expect(resolveElectronBinary(load, () => true)).toBeUndefined()
  })

  it('is undefined when the path it names does not exist', () => {
    expect(
      resolveElectronBinary(
        () => '/nowhere/electron',
        () => false,
      ),
    ).toBeUndefined()
  })

  it('is undefined for anything but a path', () => {
    expect(
      resolveElectronBinary(
        () => ({ app: {} }),
        () => true,
      ),
    ).toBeUndefined()
    expect(
      resolveElectronBinary(
        () => '',
        () => true,
      ),
    ).toBeUndefined()
  })

  it('is the executable when it exists', () => {
    const seen: string[] = []
    const exists = (path: string) => {
      seen.push(path)
      return true
    }
    expect(resolveElectronBinary(() => '/app/node_modules/electron/dist/electron', exists)).toBe(
      '/app/node_modules/electron/dist/electron',
    )
    expect(seen).toEqual(['/app/node_modules/electron/dist/electron'])
  })
})

describe('electronEnv', () => {
  it('removes ELECTRON_RUN_AS_NODE and keeps the rest', () => {
    expect(electronEnv({ ELECTRON_RUN_AS_NODE: '1', PATH: '/bin' })).toEqual({ PATH: '/bin' })
  })
})
