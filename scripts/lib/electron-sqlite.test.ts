import { describe, expect, it } from 'vitest'
import {
  electronBuildEnv,
  hasNodeAbiMarker,
  isBuildCurrent,
  nodeGypArgs,
  prebuildInstallArgs,
} from './electron-sqlite.mjs'

describe('electron-sqlite helpers', () => {
  it('finds the module ABI symbol, and only the exact one', () => {
    const binary = Buffer.from('\x7fELF...\0node_register_module_v145\0napi_module_register\0', 'latin1')
    expect(hasNodeAbiMarker(binary, '145')).toBe(true)
    expect(hasNodeAbiMarker(binary, 145)).toBe(true)
    expect(hasNodeAbiMarker(binary, '115')).toBe(false)
    expect(hasNodeAbiMarker(Buffer.from('node_register_module_v1450\0', 'latin1'), '145')).toBe(false)
  })

  it('drops npm’s nodedir settings from the build environment without touching the original', () => {
    const env = {
      npm_config_nodedir: '/usr',
      NPM_CONFIG_NODEDIR: '/usr',
      NODEDIR: '/usr',
      PATH: '/bin',
      npm_config_cache: '/c',
    }
    expect(electronBuildEnv(env)).toEqual({ PATH: '/bin', npm_config_cache: '/c' })
    expect(env.npm_config_nodedir).toBe('/usr')
  })

  it('targets Electron in both build tools', () => {
    expect(prebuildInstallArgs({ electronVersion: '41.7.1', arch: 'arm64', platform: 'darwin' })).toEqual(
      expect.arrayContaining(['--runtime=electron', '--target=41.7.1', '--arch=arm64', '--platform=darwin']),
    )
    const gyp = nodeGypArgs({ electronVersion: '41.7.1', arch: 'x64' })
    expect(gyp).toEqual(
      expect.arrayContaining([
        'rebuild',
        '--release',
        '--target=41.7.1',
        '--arch=x64',
        '--dist-url=https://electronjs.org/headers',
      ]),
    )
    expect(gyp.some((arg) => arg.startsWith('--nodedir'))).toBe(false)
  })

  it('treats a build as current only for the same Electron and better-sqlite3 versions', () => {
    const info = { electron: '41.7.1', betterSqlite3: '12.11.1', method: 'prebuild' as const, builtAt: '' }
    expect(isBuildCurrent(info, { electronVersion: '41.7.1', sqliteVersion: '12.11.1' })).toBe(true)
    expect(isBuildCurrent(info, { electronVersion: '41.8.0', sqliteVersion: '12.11.1' })).toBe(false)
    expect(isBuildCurrent(info, { electronVersion: '41.7.1', sqliteVersion: '12.12.0' })).toBe(false)
    expect(isBuildCurrent(undefined, { electronVersion: '41.7.1', sqliteVersion: '12.11.1' })).toBe(false)
  })
})
