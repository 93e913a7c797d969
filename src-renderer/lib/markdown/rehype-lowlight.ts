// Loaded with import() only when a message has a fenced code block (lazy-plugins.ts): highlight.js's grammars are
// a sixth of the app, and most first screens have no code.
import { common, createLowlight } from 'lowlight'
import { codeLanguage, hastText, type HastElement } from './hast-text'
import { MAX_HIGHLIGHTED_CODE_CHARS } from './limits'

type HastParent = { type: string; children: readonly unknown[] }

// One instance for the whole app. rehype-highlight built a new one, registering ~40 grammars, each time a
// processor was set up, and react-markdown sets one up for every message rendered (3.4 s of 14.9 s opening a
// 5,000-message conversation).
const lowlight = createLowlight(common)

// Display math waits for KaTeX as a ```math block; the highlighter must leave it alone even when it loads first.
const NOT_HIGHLIGHTED: ReadonlySet<string> = new Set(['math', 'no-highlight', 'nohighlight', 'plaintext', 'text'])

function isElement(node: unknown): node is HastElement {
  return typeof node === 'object' && node !== null && (node as { type?: unknown }).type === 'element'
}

function highlightCode(code: HastElement): void {
  const language = codeLanguage(code)
  if (language === null || NOT_HIGHLIGHTED.has(language) || !lowlight.registered(language)) return
  const source = hastText(code)
  // Past the bound the block stays plain text: highlight.js took 18–29 s over a 1 MB block (limits.ts).
  if (source.length > MAX_HIGHLIGHTED_CODE_CHARS) return
  const className = Array.isArray(code.properties.className) ? code.properties.className : []
  code.properties.className = className.includes('hljs') ? className : ['hljs', ...className]
  const result = lowlight.highlight(language, source)
  if (result.children.length > 0) code.children = result.children as HastElement['children']
}

function visit(parent: HastParent): void {
  for (const child of parent.children) {
    if (!isElement(child)) continue
    if (child.tagName === 'pre') {
      for (const code of child.children) if (isElement(code) && code.tagName === 'code') highlightCode(code)
    } else visit(child)
  }
}

/**
 * Highlights fenced code blocks that name a language highlight.js knows (```ts), as rehype-highlight did with
 * its defaults (no guessing for unnamed or unknown languages), but on the shared instance above, and only up to
 * {@link MAX_HIGHLIGHTED_CODE_CHARS}.
 */
export function rehypeLowlight() {
  return (tree: HastParent) => visit(tree)
}
