import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from 'react'

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])'

/**
 * A modal dialog: labelled by its title, focus moved in (to the element marked `data-autofocus`, else the dialog)
 * and kept in with Tab, Esc or a click beside it closes, and focus goes back to what had it before (the button
 * that opened it, else `fallbackFocusId`) when it closes. Rendered in place rather than in a portal, so React's events and the app's
 * store reach it as they reach any other part of the page.
 */
export function Dialog({
  title,
  onClose,
  children,
  wide = false,
  fallbackFocusId,
}: {
  title: ReactNode
  onClose: () => void
  children: ReactNode
  /** For long content (a model's template and licence). */
  wide?: boolean
  /** Where focus goes when the opener is gone (the card of a model just deleted): an element with `tabIndex`. */
  fallbackFocusId?: string | undefined
}) {
  const ref = useRef<HTMLDivElement>(null)
  const titleId = useId()

  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null
    const node = ref.current
    ;(node?.querySelector<HTMLElement>('[data-autofocus]') ?? node)?.focus()
    return () => {
      if (opener?.isConnected) opener.focus()
      else if (fallbackFocusId !== undefined) document.getElementById(fallbackFocusId)?.focus()
    }
    // Once per opening (the id never changes): the opener is whatever had the focus when the dialog appeared.
  }, [fallbackFocusId])

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape') {
      // Handled here, so the window's own Esc (stop the reply) leaves it alone.
      event.preventDefault()
      event.stopPropagation()
      onClose()
      return
    }
    if (event.key !== 'Tab' || ref.current === null) return
    const items = [...ref.current.querySelectorAll<HTMLElement>(FOCUSABLE)]
    const first = items[0]
    const last = items.at(-1)
    if (first === undefined || last === undefined) {
      event.preventDefault()
      return
    }
    const active = document.activeElement
    if (event.shiftKey && (active === first || active === ref.current)) {
      event.preventDefault()
      last.focus()
    } else if (!event.shiftKey && active === last) {
      event.preventDefault()
      first.focus()
    }
  }

  return (
    <div
      className="dialog-backdrop"
      onMouseDown={(event) => {
        if (event.target === event.currentTarget) onClose()
      }}
    >
      <div
        ref={ref}
        className={`dialog${wide ? ' dialog--wide' : ''}`}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        tabIndex={-1}
        onKeyDown={onKeyDown}
      >
        <h2 id={titleId} className="dialog__title">
          {title}
        </h2>
        {children}
      </div>
    </div>
  )
}
