// The icon files each platform needs, all made from assets/icon.svg by scripts/make-icons.mjs: a PNG per size
// for Linux desktops (electron-builder copies a folder of `NxN.png` into the hicolor theme), an .ico for Windows
// (up to 256 pixels, the largest Explorer shows) and an .icns for macOS (every point size at 1× and 2×, up to
// 512@2x = 1024 pixels). The same lists drive the script that writes them and the checks that read them back.
import { existsSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { ICNS_PNG_TYPES, icnsPngSize, pngSize, readIcns, readIco } from './icon-formats.mjs'

export const LINUX_ICON_SIZES = Object.freeze([16, 24, 32, 48, 64, 128, 256, 512])
export const ICO_SIZES = Object.freeze([16, 24, 32, 48, 64, 128, 256])
export const ICNS_TYPES = Object.freeze(Object.keys(ICNS_PNG_TYPES))

/** The file name electron-builder expects for each size in a Linux icon folder. */
export const linuxIconName = (/** @type {number} */ size) => `${size}x${size}.png`

/** @param {string} path @returns {Buffer | undefined} */
const readIfFile = (path) => (existsSync(path) && statSync(path).isFile() ? readFileSync(path) : undefined)

/**
 * Problems with a Linux icon folder: each size present as a square PNG of that size.
 * @param {string} dir absolute path
 * @param {string} label how the folder is named in the messages
 * @returns {string[]}
 */
export function linuxIconProblems(dir, label) {
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    return [`${label} must be a folder of PNG icons (16x16.png … 512x512.png)`]
  return LINUX_ICON_SIZES.flatMap((size) => {
    const file = readIfFile(join(dir, linuxIconName(size)))
    const found = file && pngSize(file)
    if (!found) return [`${label}/${linuxIconName(size)} is missing or not a PNG`]
    if (found.width !== size || found.height !== size)
      return [`${label}/${linuxIconName(size)} is ${found.width}×${found.height}, not ${size}×${size}`]
    return []
  })
}

/**
 * Problems with a Windows .ico: every size in ICO_SIZES, each entry a PNG of the size its directory states.
 * @param {string} path absolute path
 * @param {string} label
 * @returns {string[]}
 */
export function icoProblems(path, label) {
  const file = readIfFile(path)
  if (!file) return [`${label} is missing`]
  let entries
  try {
    entries = readIco(file)
  } catch (error) {
    return [`${label}: ${error instanceof Error ? error.message : String(error)}`]
  }
  const problems = entries
    .filter((entry) => entry.dataSize?.width !== entry.size || entry.dataSize?.height !== entry.size)
    .map((entry) => `${label} lists a ${entry.size}-pixel image whose data is not a PNG of that size`)
  const sizes = new Set(entries.map((entry) => entry.size))
  for (const size of ICO_SIZES) if (!sizes.has(size)) problems.push(`${label} has no ${size}×${size} image`)
  return problems
}

/**
 * Problems with a macOS .icns: every type code in ICNS_TYPES, each a PNG of the size the code stands for.
 * @param {string} path absolute path
 * @param {string} label
 * @returns {string[]}
 */
export function icnsProblems(path, label) {
  const file = readIfFile(path)
  if (!file) return [`${label} is missing`]
  let chunks
  try {
    chunks = readIcns(file)
  } catch (error) {
    return [`${label}: ${error instanceof Error ? error.message : String(error)}`]
  }
  return ICNS_TYPES.flatMap((type) => {
    const chunk = chunks.find((candidate) => candidate.type === type)
    const size = icnsPngSize(type)
    if (!chunk) return [`${label} has no ${type} image (${size}×${size})`]
    if (chunk.pngSize?.width !== size || chunk.pngSize?.height !== size)
      return [`${label}'s ${type} image is not a ${size}×${size} PNG`]
    return []
  })
}

/**
 * Problems with the icons electron-builder.yml names for each platform (paths relative to `root`).
 * @param {string} root
 * @param {{ linux?: unknown, mac?: unknown, win?: unknown }} icons
 * @returns {string[]}
 */
export function iconSetProblems(root, icons) {
  /** @type {[keyof typeof icons, (path: string, label: string) => string[]][]} */
  const checks = [
    ['linux', linuxIconProblems],
    ['mac', icnsProblems],
    ['win', icoProblems],
  ]
  return checks.flatMap(([platform, check]) => {
    const icon = icons[platform]
    if (typeof icon !== 'string' || icon === '') return [`${platform}.icon is missing`]
    return check(join(root, icon), `${platform}.icon (${icon})`)
  })
}
