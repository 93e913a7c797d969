import { act, cleanup, screen, waitFor } from '@testing-library/react'
import { afterEach, expect, it, vi } from 'vitest'
import { makeConversation, makeMessage } from '../../test-support/fixtures'
import { renderOpenChat } from '../../test-support/open-chat'
import { ROW_GAP_PX } from './row-runs'

afterEach(() => {
  cleanup()
  vi.restoreAllMocks()
})

const SCREEN_PX = 800
const ROW_PX = 30

/**
 * A stand-in for the browser's layout (jsdom has none): the list's children stacked in order, a row rendered in
 * full `ROW_PX` high, a run of placeholders as high as its style says, `ROW_GAP_PX` between them, inside a
 * `SCREEN_PX`-high scroller whose scrollTop is clamped as a browser clamps it. Returns the rows whose geometry was read.
 */
function fakeLayout(): { rowsRead: Element[] } {
  const rowsRead: Element[] = []
  const region = () => document.querySelector('[role="region"][aria-label="Messages"]')
  const heightOf = (item: Element) =>
    item.classList.contains('msg-run')
      ? Number.parseFloat((item as HTMLElement).style.height)
      : item.hasAttribute('data-message-id')
        ? ROW_PX
        : 0
  const contentHeight = () => {
    const items = [...(region()?.querySelector('ol.messages__list')?.children ?? [])]
    return items.reduce((sum, item) => sum + heightOf(item), 0) + Math.max(0, items.length - 1) * ROW_GAP_PX
  }
  vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockImplementation(function (this: HTMLElement) {
    return this === region() ? SCREEN_PX : 0
  })
  vi.spyOn(HTMLElement.prototype, 'scrollHeight', 'get').mockImplementation(function (this: HTMLElement) {
    return this === region() ? contentHeight() : 0
  })
  const box = (top: number, height: number) =>
    ({ top, bottom: top + height, height, left: 0, right: 0, width: 0, x: 0, y: top }) as DOMRect
  vi.spyOn(Element.prototype, 'getBoundingClientRect').mockImplementation(function (this: Element) {
    const scroller = region()
    if (this === scroller) return box(0, SCREEN_PX)
    const list = this.parentElement
    if (!scroller || !list?.classList.contains('messages__list')) return box(0, 0)
    if (this.hasAttribute('data-message-id')) rowsRead.push(this)
    const scrolled = Math.min(scroller.scrollTop, Math.max(0, contentHeight() - SCREEN_PX))
    let top = 0
    for (const item of list.children) {
      if (item === this) break
      top += heightOf(item) + ROW_GAP_PX
    }
    return box(top - scrolled, heightOf(this))
  })
  return { rowsRead }
}

it('reads no rendered row’s geometry beyond the search for the screen’s rows when a scroll stays inside the window', async () => {
  const layout = fakeLayout()
  const c = 'c1'
  const messages = Array.from({ length: 400 }, (_, index) =>
    makeMessage({
      id: `m${index}`,
      conversationId: c,
      role: index % 2 === 0 ? 'user' : 'assistant',
      content: `Message number ${index}`,
    }),
  )
  await renderOpenChat({ conversation: makeConversation({ id: c, title: 'Trip' }), messages })
  const region = screen.getByRole('region', { name: 'Messages' })
  const rendered = () => region.querySelectorAll('li[data-message-id]').length
  // The overscan arrives while idle (here: a task soon after); then the window covers a screen either side.
  await waitFor(() => expect(rendered()).toBeGreaterThan(25))
  await act(() => new Promise((resolve) => setTimeout(resolve, 20)))
  const before = rendered()

  layout.rowsRead.length = 0
  region.scrollTop = Math.max(0, region.scrollHeight - SCREEN_PX) - 2 * ROW_PX
  act(() => void region.dispatchEvent(new Event('scroll')))

  expect(rendered(), 'the window did not move').toBe(before)
  // Finding the screen's rows is two binary searches over the 400 rows (a few of them rendered ones); measuring each
  // rendered row's height on every scroll would read all of them.
  const searchReads = 2 * Math.ceil(Math.log2(400))
  expect(new Set(layout.rowsRead).size, `rows read, of ${before} rendered`).toBeLessThanOrEqual(searchReads)
  expect(before, 'more rows rendered than the searches read').toBeGreaterThan(searchReads)
})
