import type { ExtraProps } from 'react-markdown'

/** A hast element as react-markdown passes it to components. */
export type HastElement = NonNullable<ExtraProps['node']>
type HastChild = HastElement['children'][number]

/** The plain text inside a hast node (what a code block's Copy button copies). */
export function hastText(node: HastElement | HastChild): string {
  if (node.type === 'text') return node.value
  if (node.type === 'element') return node.children.map((child) => hastText(child)).join('')
  return ''
}

/** The `language-…` class of a fenced code block, e.g. `ts` for ```ts. */
export function codeLanguage(code: HastElement): string | null {
  const className = code.properties.className
  const classes = Array.isArray(className) ? className.map(String) : []
  const language = classes.find((name) => name.startsWith('language-'))
  return language ? language.slice('language-'.length) : null
}
