// `npm run icons`: renders the one original, assets/icon.svg, at every size the platforms need (with the system
// Chromium, so each size is drawn from the vector rather than scaled from a bitmap) and writes the Linux PNG set
// (assets/icons/NxN.png), the Windows .ico and the macOS .icns that electron-builder.yml names. Run it after
// editing the SVG and commit the outputs; scripts/lib/icon-assets.test.ts checks them.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from '@playwright/test'
import { encodeIcns, encodeIco, ICNS_PNG_TYPES, icnsPngSize } from './lib/icon-formats.mjs'
import { ICNS_TYPES, ICO_SIZES, LINUX_ICON_SIZES, linuxIconName } from './lib/icon-set.mjs'

const assets = join(dirname(fileURLToPath(import.meta.url)), '..', 'assets')
const svg = readFileSync(join(assets, 'icon.svg'), 'utf8')
const sizes = [...new Set([...LINUX_ICON_SIZES, ...ICO_SIZES, ...Object.values(ICNS_PNG_TYPES)])].sort((a, b) => a - b)

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' })
/** @type {Map<number, Buffer>} */
const rendered = new Map()
try {
  const page = await browser.newPage({ deviceScaleFactor: 1 })
  for (const size of sizes) {
    await page.setViewportSize({ width: size, height: size })
    await page.setContent(
      `<!doctype html><html><body style="margin:0;background:transparent"><style>svg{display:block;width:${size}px;height:${size}px}</style>${svg}</body></html>`,
    )
    rendered.set(size, await page.locator('svg').screenshot({ omitBackground: true }))
  }
} finally {
  await browser.close()
}

const png = (/** @type {number} */ size) => {
  const image = rendered.get(size)
  if (!image) throw new Error(`No ${size}-pixel rendering was made.`)
  return image
}
const linuxDir = join(assets, 'icons')
rmSync(linuxDir, { recursive: true, force: true })
mkdirSync(linuxDir)
for (const size of LINUX_ICON_SIZES) writeFileSync(join(linuxDir, linuxIconName(size)), png(size))
writeFileSync(join(assets, 'icon.ico'), encodeIco(ICO_SIZES.map(png)))
writeFileSync(join(assets, 'icon.icns'), encodeIcns(ICNS_TYPES.map((type) => ({ type, png: png(icnsPngSize(type)) }))))
console.log(
  `Icons written from assets/icon.svg: assets/icons/ (${LINUX_ICON_SIZES.join(', ')}), assets/icon.ico (${ICO_SIZES.join(', ')}), assets/icon.icns (${ICNS_TYPES.join(', ')}).`,
)
