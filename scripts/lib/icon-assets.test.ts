// The committed icons (made by `npm run icons` from assets/icon.svg) and the paths electron-builder.yml names.
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { readIcns, readIco } from './icon-formats.mjs'
import { ICNS_TYPES, ICO_SIZES, iconSetProblems, LINUX_ICON_SIZES } from './icon-set.mjs'

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const builderConfig = readFileSync(join(repo, 'electron-builder.yml'), 'utf8')
const icons = { linux: 'assets/icons', mac: 'assets/icon.icns', win: 'assets/icon.ico' }

describe('the committed icons', () => {
  it('are the ones electron-builder.yml names for each platform', () => {
    for (const [platform, path] of Object.entries(icons))
      expect(builderConfig).toMatch(new RegExp(`^${platform}:\\n(?:  .*\\n)*?  icon: ${path}$`, 'm'))
  })

  it('have every size each platform needs, in its format', () => {
    expect(iconSetProblems(repo, icons)).toEqual([])
    expect(readIco(readFileSync(join(repo, icons.win))).map((entry) => entry.size)).toEqual([...ICO_SIZES])
    expect(readIcns(readFileSync(join(repo, icons.mac))).map((chunk) => chunk.type)).toEqual([...ICNS_TYPES])
    expect(LINUX_ICON_SIZES[0]).toBe(16)
    expect(LINUX_ICON_SIZES.at(-1)).toBe(512)
  })

  it('come from the one SVG source', () => {
    expect(readFileSync(join(repo, 'assets', 'icon.svg'), 'utf8')).toContain('viewBox="0 0 512 512"')
  })
})
