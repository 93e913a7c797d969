import { useId } from 'react'
import { CopyButton } from '../../components/CopyButton'

/**
 * One long text of a model (template, parameters, system prompt, licence) in a scrollable monospace block with a
 * Copy button. Ollama's text is untrusted: it is shown as plain text, never as HTML or Markdown.
 */
export function DetailsBlock({ title, text, empty }: { title: string; text: string; empty: string }) {
  const headingId = useId()
  return (
    <section className="details-block" aria-labelledby={headingId}>
      <div className="details-block__head">
        <h3 id={headingId} className="details-block__title">
          {title}
        </h3>
        {text !== '' && <CopyButton text={text} label={`Copy ${title.toLowerCase()}`} />}
      </div>
      {text === '' ? (
        <p className="muted details-block__empty">{empty}</p>
      ) : (
        // Focusable, so the keyboard can scroll a long licence.
        <pre className="details-block__text" tabIndex={0} aria-labelledby={headingId}>
          {text}
        </pre>
      )}
    </section>
  )
}
