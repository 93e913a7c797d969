// Renders assets/icon.svg to assets/icon.png (512×512, transparent corners) with the system Chromium, the
// source electron-builder derives every platform's icon from. Run after editing the SVG: node scripts/render-icon.mjs
import { readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from '@playwright/test'

const SIZE = 512
const assets = join(dirname(fileURLToPath(import.meta.url)), '..', 'assets')
const svg = readFileSync(join(assets, 'icon.svg'), 'utf8')
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' })
try {
  const page = await browser.newPage({ viewport: { width: SIZE, height: SIZE }, deviceScaleFactor: 1 })
  await page.setContent(`<!doctype html><html><body style="margin:0;background:transparent">${svg}</body></html>`)
  const png = await page.locator('svg').screenshot({ omitBackground: true })
  writeFileSync(join(assets, 'icon.png'), png)
  console.log(`assets/icon.png written (${png.length} bytes)`)
} finally {
  await browser.close()
}
