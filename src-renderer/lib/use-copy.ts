import { useCallback, useEffect, useState } from 'react'

const COPIED_MS = 1800

/**
 * Clipboard copying with a short-lived "copied" state for the button's label. `copy` takes a function so
 * the text is built only when the person clicks; a failed copy is logged and leaves `copied` false.
 */
export function useCopy(): { copied: boolean; copy: (getText: () => string) => void } {
  const [copied, setCopied] = useState(false)

  useEffect(() => {
    if (!copied) return
    const timer = setTimeout(() => setCopied(false), COPIED_MS)
    return () => clearTimeout(timer)
  }, [copied])

  const copy = useCallback((getText: () => string) => {
    navigator.clipboard.writeText(getText()).then(
      () => setCopied(true),
      (error: unknown) => console.warn('ollmchat: copying failed', error),
    )
  }, [])

  return { copied, copy }
}
