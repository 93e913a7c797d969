/** The honest status of a reply that has no text yet, with a quiet pulse instead of a frozen spinner. */
export function ProgressLine({ text }: { text: string }) {
  return (
    <p className="progress-line">
      <span className="pulse" aria-hidden />
      {text}
    </p>
  )
}
