import { useCallback, useRef, useState, type KeyboardEvent } from 'react'

/** What `usePopover` gives a button that opens a panel. */
export interface Popover<Opener extends HTMLElement, Panel extends HTMLElement> {
  open: boolean
  show: () => void
  /** Closes the panel and gives the focus back to the opener, unless the reader has already moved it elsewhere. */
  close: () => void
  /**
   * Closes the panel and leaves the focus alone: for a close caused by the focus leaving (a blur handler), where the
   * focus is on its way elsewhere and moving it back would cancel that move.
   */
  dismiss: () => void
  /** Esc inside the panel closes it (and is not seen by what is around it, e.g. the chat's Esc-stops-a-reply). */
  closeOnEscape: (event: KeyboardEvent) => void
  opener: React.RefObject<Opener | null>
  panel: React.RefObject<Panel | null>
}

/**
 * The one rule for popovers and small menus: closing from inside (Esc, Cancel, Save, a choice) hands the focus back to
 * the control that opened the panel, since it would otherwise fall to the page's start as the panel goes; a close
 * because the reader clicked or tabbed elsewhere leaves the focus where they put it.
 */
export function usePopover<
  Opener extends HTMLElement = HTMLButtonElement,
  Panel extends HTMLElement = HTMLDivElement,
>(): Popover<Opener, Panel> {
  const [open, setOpen] = useState(false)
  const opener = useRef<Opener>(null)
  const panel = useRef<Panel>(null)

  const close = useCallback(() => {
    const active = document.activeElement
    const focusStayed =
      active === null ||
      active === document.body ||
      active === opener.current ||
      (panel.current?.contains(active) ?? false)
    setOpen(false)
    if (focusStayed) opener.current?.focus()
  }, [])
  const closeOnEscape = useCallback(
    (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return
      event.preventDefault()
      event.stopPropagation()
      close()
    },
    [close],
  )
  const show = useCallback(() => setOpen(true), [])
  const dismiss = useCallback(() => setOpen(false), [])
  return { open, show, close, dismiss, closeOnEscape, opener, panel }
}
