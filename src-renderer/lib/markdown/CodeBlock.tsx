import { Check, Copy } from 'lucide-react'
import type { ComponentProps } from 'react'
import type { ExtraProps } from 'react-markdown'
import { useCopy } from '../use-copy'
import { codeLanguage, hastText, type HastElement } from './hast-text'

function codeElement(node: HastElement | undefined): HastElement | undefined {
  return node?.children.find((child): child is HastElement => child.type === 'element' && child.tagName === 'code')
}

/** A fenced code block with a header bar: the language on the left, a Copy button on the right. */
export function CodeBlock({ children, node }: ComponentProps<'pre'> & ExtraProps) {
  const { copied, copy } = useCopy()
  const code = codeElement(node)
  const language = code ? codeLanguage(code) : null
  // The text is gathered from the highlighted tree only when someone copies it.
  const copyCode = () => copy(() => (code ? hastText(code).replace(/\n$/, '') : ''))
  // Display math whose KaTeX has not arrived yet: its source on its own line, without the code block's bar, so
  // the formula that replaces it moves what follows as little as possible.
  if (language === 'math') return <pre className="math-pending">{children}</pre>

  return (
    <div className="code-block">
      <div className="code-block__header">
        <span className="code-block__language">{language ?? 'text'}</span>
        <button
          type="button"
          className="code-block__copy"
          onClick={copyCode}
          aria-label={copied ? 'Copied' : 'Copy code'}
        >
          {copied ? <Check size={14} aria-hidden /> : <Copy size={14} aria-hidden />}
          <span>{copied ? 'Copied' : 'Copy'}</span>
        </button>
      </div>
      <pre>{children}</pre>
    </div>
  )
}
