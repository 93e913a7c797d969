import type { Root } from 'hast'
import { hastText, type HastElement } from './hast-text'
import { MAX_FORMULA_CHARS } from './limits'

// The classes remark-math and a ```math fence give a formula, which rehype-katex renders.
const MATH_CLASSES: ReadonlySet<string> = new Set(['language-math', 'math-inline', 'math-display'])

function isMath(element: HastElement): boolean {
  const className = element.properties.className
  return Array.isArray(className) && className.some((name) => MATH_CLASSES.has(String(name)))
}

function visit(parent: Root | HastElement): void {
  for (const child of parent.children) {
    if (child.type !== 'element') continue
    if (isMath(child)) {
      // Shown as its source, like any code in a `text` block: KaTeX took 30 s over a 100 KB formula (limits.ts).
      if (hastText(child).length > MAX_FORMULA_CHARS) child.properties.className = ['language-text']
    } else visit(child)
  }
}

/** Turns every formula longer than {@link MAX_FORMULA_CHARS} into plain code, so KaTeX never sees it. */
export function boundFormulas(tree: Root): void {
  visit(tree)
}
