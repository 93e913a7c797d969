// A script that runs inside the page before the app (Playwright's addInitScript): self-contained, no imports.

/** What the probes collect in the page. */
export interface PageProbes {
  longTasks: Array<{ start: number; duration: number }>
  /** When the streaming reply's text grew in the DOM: epoch ms and its non-whitespace characters. */
  textSeen: Array<{ at: number; chars: number }>
}

declare global {
  interface Window {
    __probes: PageProbes
    /**
     * Resolves with the time (ms since the page's origin) of the first animation frame that begins after the
     * message is rendered in full and on screen: by then the frame showing it has been painted.
     */
    __timeUntilShown: (messageId: string) => Promise<number>
    /**
     * Resolves with the time of the first animation frame with every message in the page: no older messages still
     * being fetched (`[data-loading-older]`) and no run of placeholders still empty (`.msg-run[data-pending]`).
     */
    __timeUntilFilled: () => Promise<number>
    /**
     * Starts watching the streaming reply (the last `li[aria-busy="true"]`): each time its Markdown text changes,
     * notes the time and how many non-whitespace characters it shows. A MutationObserver callback runs right
     * after the DOM changed, in the task that changed it; the frame that paints it follows.
     */
    __watchStreamingText: () => void
    /** Clicks the conversation titled `title` in the sidebar; returns when it clicked (ms since the page's origin). */
    __openConversation: (title: string) => number
    /**
     * How much of the open conversation is not in the page yet: runs of placeholders still empty, plus 1 while its
     * older messages are still being fetched. 0 once every message's text is in the page.
     */
    __unfilled: () => number
    /**
     * Resolves at the first animation frame where the open conversation's older messages are in and runs of
     * placeholders are still empty: the page is filling them in.
     */
    __whenFilling: () => Promise<void>
    /**
     * Types `text` into the composer and presses Enter from a script in the page (the input and keydown events
     * typing sends), so the message goes out at once rather than after round trips to the browser; resolves with the
     * time just before Enter.
     */
    __typeAndSend: (text: string) => Promise<number>
  }
}

/** Installs the probes; records every long task (over 50 ms) from the start. */
export function installProbes(): void {
  window.__probes = { longTasks: [], textSeen: [] }
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries())
      window.__probes.longTasks.push({ start: entry.startTime, duration: entry.duration })
  }).observe({ type: 'longtask', buffered: true })

  const region = () => document.querySelector('[role="region"][aria-label="Messages"]')

  window.__timeUntilShown = (messageId) =>
    new Promise((resolve) => {
      const check = () => {
        const element = document.querySelector(`[data-message-id="${messageId}"]`)
        const view = region()?.getBoundingClientRect()
        const box = element?.getBoundingClientRect()
        if (view && box && box.bottom > view.top && box.top < view.bottom) requestAnimationFrame(resolve)
        else requestAnimationFrame(check)
      }
      requestAnimationFrame(check)
    })

  window.__timeUntilFilled = () =>
    new Promise((resolve) => {
      const check = (time: number) => {
        if (window.__unfilled() === 0) resolve(time)
        else requestAnimationFrame(check)
      }
      requestAnimationFrame(check)
    })

  window.__openConversation = (title) => {
    const buttons = document.querySelectorAll<HTMLButtonElement>('nav[aria-label="Conversations"] button')
    const button = [...buttons].find((candidate) => candidate.textContent === title)
    if (!button) throw new Error(`no conversation titled ${title} in the sidebar`)
    const start = performance.now()
    button.click()
    return start
  }

  window.__unfilled = () =>
    document.querySelectorAll('.msg-run[data-pending]').length +
    (document.querySelector('[data-loading-older]') === null ? 0 : 1)

  window.__whenFilling = () =>
    new Promise((resolve, reject) => {
      const check = () => {
        if (document.querySelector('[data-loading-older]') !== null) return void requestAnimationFrame(check)
        if (document.querySelector('.msg-run[data-pending]') === null)
          return void reject(new Error('the page filled before it could be caught filling'))
        resolve()
      }
      requestAnimationFrame(check)
    })

  window.__typeAndSend = async (text) => {
    const box = document.querySelector<HTMLTextAreaElement>('textarea[aria-label="Message"]')
    if (!box) throw new Error('no composer')
    // React reads a textarea's value through the prototype's setter, so the value is set through it too.
    Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')?.set?.call(box, text)
    box.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: text }))
    // The typed text re-renders the composer before Enter reads it, as between two real keystrokes.
    await new Promise((resolve) => setTimeout(resolve, 0))
    const since = performance.now()
    box.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', code: 'Enter', bubbles: true, cancelable: true }))
    return since
  }

  window.__watchStreamingText = () => {
    const root = region()
    if (!root) throw new Error('no message region')
    let last = -1
    new MutationObserver(() => {
      const replies = root.querySelectorAll('li[aria-busy="true"] .markdown')
      const reply = replies[replies.length - 1]
      if (!reply) return
      const chars = (reply.textContent ?? '').replace(/\s+/g, '').length
      if (chars !== last) {
        last = chars
        window.__probes.textSeen.push({ at: performance.timeOrigin + performance.now(), chars })
      }
    }).observe(root, { subtree: true, childList: true, characterData: true })
  }
}

/**
 * `installProbes` as an init script's source. tsx compiles with esbuild's keepNames, which wraps named functions
 * in a `__name(…)` helper the page does not have; the script brings a stand-in.
 */
export const probesScript = (): string => `var __name = (target) => target;\n(${installProbes.toString()})()`
