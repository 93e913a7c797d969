import { cleanup, render } from '@testing-library/react'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { boundNesting } from './bound-nesting'
import { loadPlugins } from './lazy-plugins'
import { MAX_FORMULA_CHARS, MAX_HIGHLIGHTED_CODE_CHARS, MAX_NESTING_DEPTH } from './limits'
import { loadMarkdownRenderer, Markdown } from './Markdown'
import { recordReliability } from '../../test-support/reliability-record'

/** The rows these tests add up to in docs/reliability.md, one per kind of bound. */
const recordBound = (check: string) =>
  recordReliability({ topic: 'Hostile replies', check: `renderer unit tests: ${check}`, cases: 1 })
const DEEP = 'nesting deeper than the bound (lists, quotes, numbered lists, emphasis) shown as text instead of parsed'

// Without the bounds each of the deep inputs below throws "Maximum call stack size exceeded" while rendering.
beforeAll(async () => {
  await loadMarkdownRenderer()
  await loadPlugins({ math: true, code: true })
})
afterEach(cleanup)

describe('nesting deeper than the bound is shown as code', () => {
  const cases: [string, string][] = [
    ['a bullet list 1,000 deep', `${'- '.repeat(1_000)}deepest`],
    ['block quotes 3,000 deep', `${'>'.repeat(3_000)} deepest`],
    ['numbered lists 5,000 deep', `${'1. '.repeat(5_000)}deepest`],
    ['emphasis 3,000 deep', `${'*a '.repeat(3_000)}deepest${'*'.repeat(3_000)}`],
  ]
  it.each(cases)('%s', (_name, text) => {
    recordBound(DEEP)
    const { container } = render(<Markdown text={`Before\n\n${text}\n\nAfter`} />)
    expect(container.querySelector('pre code')?.textContent).toContain('deepest')
    expect(container.textContent).toContain('Before')
    expect(container.textContent).toContain('After')
  })

  // Where this scan would see a code fence open that CommonMark does not (after a quote or list marker, or indented
  // four spaces), the deep part after it is still caught.
  const indentedList = Array.from({ length: 1_000 }, (_, depth) => `${'  '.repeat(depth)}- level ${depth}`).join('\n')
  it.each([
    ['a fence in a quote, then a list indented 1,000 deep', `> \`\`\`\n\n${indentedList}`],
    ['a fence in a list item, then a list indented 1,000 deep', `- \`\`\`\nx\n\n${indentedList}`],
    ['a fence indented four spaces, then emphasis 3,000 deep', `    \`\`\`\n${'*a '.repeat(3_000)}deepest`],
  ])('%s', (_name, text) => {
    recordBound(DEEP)
    expect(boundNesting(text)).not.toBe(text)
    const { container } = render(<Markdown text={text} />)
    expect(container.textContent).toContain(text.includes('level') ? 'level 999' : 'deepest')
  })

  it('also while streaming', () => {
    recordBound(DEEP)
    const { container } = render(<Markdown text={`Before\n\n${'- '.repeat(1_000)}deepest`} streaming />)
    expect(container.querySelector('pre code')?.textContent).toContain('deepest')
  })

  it('leaves text within the bound exactly as it was', () => {
    const lists = Array.from(
      { length: MAX_NESTING_DEPTH / 2 },
      (_, level) => `${'  '.repeat(level)}- level ${level}`,
    ).join('\n')
    const code = `\`\`\`py\n${' '.repeat(200)}return deep\n\`\`\``
    const quotes = `${'> '.repeat(MAX_NESTING_DEPTH)}quoted`
    const rule = '- '.repeat(MAX_NESTING_DEPTH * 2)
    for (const text of [lists, code, quotes, rule, '**bold** and *em* _under_ ***both***'])
      expect(boundNesting(text)).toBe(text)
  })

  it('keeps the lines after a deep part as Markdown', () => {
    const { container } = render(<Markdown text={`${'>'.repeat(100)} deep\n\n# Heading after`} />)
    expect(container.querySelector('h1')?.textContent).toBe('Heading after')
  })

  it('fences deep lines so no backtick inside them ends the block', () => {
    const bounded = boundNesting(`${'- '.repeat(40)}\`\`\`\`\` x`)
    expect(bounded.startsWith('``````text\n')).toBe(true)
    expect(bounded.endsWith('\n``````')).toBe(true)
  })
})

describe('formulas over the size bound are shown as their source', () => {
  it('gives KaTeX a formula within the bound', () => {
    const { container } = render(<Markdown text={'Area $x^2$ here'} />)
    expect(container.querySelector('.katex')).not.toBeNull()
  })

  it.each([
    ['inline', (formula: string) => `Area $${formula}$ here`],
    ['display', (formula: string) => `$$\n${formula}\n$$`],
  ])('%s', (_name, wrap) => {
    recordBound('a formula over the size bound (inline or display) shown as its source, not given to KaTeX')
    const formula = 'x+'.repeat(MAX_FORMULA_CHARS / 2 + 1)
    const { container } = render(<Markdown text={wrap(formula)} />)
    expect(container.querySelector('.katex')).toBeNull()
    expect(container.querySelector('code')?.textContent).toContain(formula)
  })
})

describe('code blocks over the size bound are not highlighted', () => {
  const block = (lines: number) => `\`\`\`ts\n${'const x = 1\n'.repeat(lines)}\`\`\``
  it('highlights a block within the bound', () => {
    const { container } = render(<Markdown text={block(10)} />)
    expect(container.querySelector('code.hljs')).not.toBeNull()
  })

  it('leaves a larger block plain', () => {
    recordBound('a code block over the size bound shown plain, not highlighted')
    const { container } = render(<Markdown text={block(MAX_HIGHLIGHTED_CODE_CHARS / 10)} />)
    expect(container.querySelector('code.hljs')).toBeNull()
    expect(container.querySelector('pre code')?.textContent?.length).toBeGreaterThan(MAX_HIGHLIGHTED_CODE_CHARS)
  })
})
