import { copyFileSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from '../fixtures/app'
import { capture } from '../fixtures/screenshots'
import { chat, goToPage, lastReply, modelPicker } from '../fixtures/chat-page'

// `UPDATE_README_SCREENSHOT=1 npx playwright test screenshots` refreshes the picture the README shows.
const README_SCREENSHOT = join(process.cwd(), 'assets', 'screenshots', 'chat-light.png')

// A reply that shows every kind of Markdown the chat renders, on the app's own subject. The numbers are right for
// Llama 3 8B: 32 layers, 8 KV heads of 128 dimensions, fp16.
const SHOWCASE_REPLY = [
  'A longer context needs room for the **KV cache**, which grows linearly with `num_ctx`:',
  // Display math needs the `$$` fences on lines of their own (remark-math); on one line it renders inline.
  '$$\n\\text{KV cache} \\approx 2 \\cdot n_{\\text{layers}} \\cdot n_{\\text{ctx}} \\cdot d_{\\text{kv}} \\cdot 2\\ \\text{bytes}\n$$',
  'For Llama 3 8B ($n_{\\text{layers}} = 32$, $d_{\\text{kv}} = 1024$) that is:',
  '| Context | KV cache |\n| --- | ---: |\n| 4K | 0.5 GB |\n| 8K | 1 GB |\n| 32K | 4 GB |',
  'To see what a loaded model really uses:',
  '```bash\nollama ps\n```',
].join('\n\n')

for (const colorScheme of ['light', 'dark'] as const) {
  test(`screenshots of the chat view and the Models page (${colorScheme})`, async ({ app, sim }, testInfo) => {
    const { page } = app
    await page.emulateMedia({ colorScheme })
    // Show the app's point: a model running with a context the user chose.
    await app.call('models:setNumCtx', { model: 'llama3:latest', numCtx: 8192 })
    await page.reload()
    await expect(modelPicker(page).locator('option:checked')).toHaveText('llama3:latest — 8K · custom')

    sim.setReply(SHOWCASE_REPLY)
    await chat(page, 'How much memory does a longer context need?')
    const reply = lastReply(page)
    await expect(reply.getByRole('button', { name: 'Copy code' })).toBeVisible()
    await expect(reply.getByRole('table')).toBeVisible()
    await expect(reply.locator('.katex').first()).toBeVisible()
    // The highlighter loads on demand: the picture shows the code once its colours arrived.
    await expect(reply.locator('pre code.hljs').first()).toBeVisible()
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor)
    const chatShot = await capture(page, testInfo, `chat-${colorScheme}`)

    await goToPage(page, 'Models')
    await expect(page.getByRole('listitem', { name: 'llama3:latest' })).toBeVisible()
    await capture(page, testInfo, `models-${colorScheme}`)

    // The two schemes must really differ: a dark page on a light background (or the reverse) is a broken theme.
    const [r, g, b] = (background.match(/\d+/g) ?? []).map(Number)
    const lightness = ((r ?? 0) + (g ?? 0) + (b ?? 0)) / 3
    if (colorScheme === 'light') expect(lightness).toBeGreaterThan(200)
    else expect(lightness).toBeLessThan(80)

    if (colorScheme === 'light' && process.env.UPDATE_README_SCREENSHOT === '1') {
      mkdirSync(join(README_SCREENSHOT, '..'), { recursive: true })
      copyFileSync(chatShot, README_SCREENSHOT)
    }
  })
}
