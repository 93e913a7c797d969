import { useEffect, useRef, useState } from 'react'

/**
 * An inline title editor: Enter or leaving the field saves, Esc cancels. `onDone` gets the trimmed title,
 * or `null` when nothing should change.
 */
export function RenameField({
  initial,
  label,
  onDone,
}: {
  initial: string
  label: string
  onDone: (title: string | null) => void
}) {
  const [value, setValue] = useState(initial)
  const finished = useRef(false)
  const input = useRef<HTMLInputElement>(null)

  useEffect(() => {
    input.current?.focus()
    input.current?.select()
  }, [])

  const finish = (title: string | null) => {
    if (finished.current) return
    finished.current = true
    onDone(title === null || title.trim() === '' ? null : title.trim())
  }

  return (
    <input
      ref={input}
      className="rename-field"
      aria-label={label}
      value={value}
      maxLength={200}
      onChange={(event) => setValue(event.target.value)}
      onBlur={() => finish(value)}
      onKeyDown={(event) => {
        if (event.key === 'Enter') {
          event.preventDefault()
          finish(value)
        } else if (event.key === 'Escape') {
          event.preventDefault()
          finish(null)
        }
      }}
    />
  )
}
