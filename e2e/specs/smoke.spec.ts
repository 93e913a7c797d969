import { test, expect } from '../fixtures/app'
test('smoke', async ({ app, sim }) => {
  await expect(app.page.getByRole('textbox', { name: 'Message' })).toBeVisible()
  await app.page.getByRole('textbox', { name: 'Message' }).fill('hello there')
  await app.page.keyboard.press('Enter')
  await expect(app.page.getByText('Hope that helps').or(app.page.getByText('expand on any')).or(app.page.getByText('more detail'))).toBeVisible()
  console.log(sim.requests.map(r => r.method + ' ' + r.path).join('\n'))
  await app.page.screenshot({ path: 'test-results/smoke.png' })
})
