import type { MessageRow } from './message-rows'

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }
const escapeHtml = (text: string): string => text.replace(/[&<>"]/g, (character) => ESCAPES[character] ?? character)

/**
 * A row outside the rendered window as one list item of plain text (the message's Markdown source, or the
 * divider's words) at the height the row takes: its text stays in the document, so the browser's find-in-page
 * finds it and scrolls to it (where the list then renders the row in full), and a screen reader reads every
 * message. Written as HTML for a whole run at once: the browser's parser builds thousands of these far faster
 * than React would, and React holds one node per run rather than one per message. No style attribute: the page's
 * CSP refuses inline styles written as markup, so the run sets each height through the DOM (`applyPlaceholderHeights`).
 */
export function placeholderHtml(row: MessageRow): string {
  if (row.kind === 'divider')
    return `<li class="msg-placeholder msg-placeholder--divider">${escapeHtml(row.label)}</li>`
  const { message } = row
  return `<li class="msg-placeholder msg-placeholder--${message.role}" data-placeholder-id="${escapeHtml(message.id)}">${escapeHtml(message.content)}</li>`
}

/** Gives the placeholders in `list` their rows' heights, in order, through `element.style`, which the CSP allows. */
export function applyPlaceholderHeights(list: HTMLElement, heights: readonly number[]): void {
  heights.forEach((height, index) => {
    const item = list.children[index]
    if (item instanceof HTMLElement) item.style.height = `${height}px`
  })
}
