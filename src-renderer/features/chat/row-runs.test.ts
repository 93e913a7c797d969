import { expect, it } from 'vitest'
import { makeMessage } from '../../test-support/fixtures'
import { applyPlaceholderHeights, placeholderHtml } from './placeholder-html'
import { offsetsInRun, ROW_GAP_PX, RUN_ROWS, runsAround } from './row-runs'

it('cuts the rows outside the window into runs at fixed places, the run the window sits in on both sides', () => {
  const { above, below } = runsAround({ from: 100, to: 140 }, 300)
  expect(above.map(({ from, to }) => [from, to])).toEqual([
    [0, RUN_ROWS],
    [RUN_ROWS, 100],
  ])
  expect(below.map(({ from, to }) => [from, to])).toEqual([
    [140, 192],
    [192, 256],
    [256, 300],
  ])
  expect(new Set([...above, ...below].map((run) => run.key)).size, 'keys are distinct').toBe(5)
  expect(runsAround({ from: 0, to: 300 }, 300)).toEqual({ above: [], below: [] })
})

it('places the rows of a run at their heights and the gaps between them, as the run lays them out', () => {
  expect(offsetsInRun([10, 20, 30])).toEqual({
    tops: [0, 10 + ROW_GAP_PX, 30 + 2 * ROW_GAP_PX],
    height: 60 + 2 * ROW_GAP_PX,
  })
  expect(offsetsInRun([])).toEqual({ tops: [], height: 0 })
})

it('writes a placeholder as escaped plain text, so a message cannot inject markup', () => {
  const message = makeMessage({
    id: 'm"1',
    conversationId: 'c1',
    role: 'assistant',
    content: '<img src=x onerror="alert(1)"> & **bold**',
  })
  const html = placeholderHtml({ kind: 'message', key: message.id, message })
  expect(html).toBe(
    '<li class="msg-placeholder msg-placeholder--assistant" data-placeholder-id="m&quot;1">&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; **bold**</li>',
  )
  const parsed = document.createElement('ol')
  parsed.innerHTML = html
  expect(parsed.querySelector('img')).toBeNull()
  expect(parsed.textContent).toBe(message.content)
})

it('sizes placeholders through the DOM, not a style attribute the CSP would refuse', () => {
  const message = makeMessage({ id: 'm1', conversationId: 'c1', role: 'user', content: 'hello' })
  const list = document.createElement('ol')
  list.innerHTML =
    placeholderHtml({ kind: 'message', key: message.id, message }) +
    placeholderHtml({ kind: 'divider', key: 'd', label: 'Today' })
  expect(list.innerHTML).not.toContain('style=')
  applyPlaceholderHeights(list, [42.5, 20])
  expect([...list.children].map((item) => (item as HTMLElement).style.height)).toEqual(['42.5px', '20px'])
})
