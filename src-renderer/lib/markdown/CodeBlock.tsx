import { Check, Copy } from 'lucide-react'
import { useEffect, useState, type ComponentProps } from 'react'
import type { ExtraProps } from 'react-markdown'
import { codeLanguage, hastText, type HastElement } from './hast-text'

/** A fenced code block with a header bar: the language on the left, a Copy button on the right. */
export function CodeBlock({ children, node }: ComponentProps<'pre'> & ExtraProps) {
  const [copied, setCopied] = useState(false)
  const code = node?.children.find(
    (child): child is HastElement => child.type === 'element' && child.tagName === 'code',
  )
  const language = code ? codeLanguage(code) : null
  const text = code ? hastText(code).replace(/\n$/, '') : ''

  useEffect(() => {
    if (!copied) return
    const timer = setTimeout(() => setCopied(false), 1800)
    return () => clearTimeout(timer)
  }, [copied])

  const copy = () => {
    navigator.clipboard.writeText(text).then(
      () => setCopied(true),
      (error: unknown) => console.warn('ollmchat: copying the code failed', error),
    )
  }

  return (
    <div className="code-block">
      <div className="code-block__header">
        <span className="code-block__language">{language ?? 'text'}</span>
        <button type="button" className="code-block__copy" onClick={copy} aria-label={copied ? 'Copied' : 'Copy code'}>
          {copied ? <Check size={14} aria-hidden /> : <Copy size={14} aria-hidden />}
          <span>{copied ? 'Copied' : 'Copy'}</span>
        </button>
      </div>
      <pre>{children}</pre>
    </div>
  )
}
