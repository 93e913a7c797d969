import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { defaultDataDir } from './data-dir'

describe('defaultDataDir', () => {
  it('prefers OLLMCHAT_DATA_DIR', () => {
    expect(defaultDataDir({ OLLMCHAT_DATA_DIR: '/data/x' }, 'linux', '/home/u')).toBe('/data/x')
  })
  it('matches the folder Electron uses for userData on each platform', () => {
    expect(defaultDataDir({}, 'linux', '/home/u')).toBe(join('/home/u', '.config', 'ollmchat'))
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/cfg' }, 'linux', '/home/u')).toBe(join('/cfg', 'ollmchat'))
    expect(defaultDataDir({}, 'darwin', '/Users/u')).toBe(
      join('/Users/u', 'Library', 'Application Support', 'ollmchat'),
    )
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\u\\AppData\\Roaming' }, 'win32', 'C:\\Users\\u')).toBe(
      join('C:\\Users\\u\\AppData\\Roaming', 'ollmchat'),
    )
  })
  it('treats an empty XDG_CONFIG_HOME or APPDATA as unset, like Electron', () => {
    expect(defaultDataDir({ XDG_CONFIG_HOME: '' }, 'linux', '/home/u')).toBe(join('/home/u', '.config', 'ollmchat'))
    expect(defaultDataDir({ APPDATA: '' }, 'win32', 'C:\\Users\\u')).toBe(
      join('C:\\Users\\u', 'AppData', 'Roaming', 'ollmchat'),
    )
  })
})
