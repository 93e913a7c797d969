import { cleanup, render } from '@testing-library/react'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { loadPlugins } from './lazy-plugins'
import { loadMarkdownRenderer, Markdown } from './Markdown'
import { splitMarkdownBlocks } from './split-blocks'

// Block-by-block rendering is compared with whole-text rendering once everything has loaded, as in a long session.
beforeAll(() => Promise.all([loadMarkdownRenderer(), loadPlugins({ math: true, code: true })]))
afterEach(cleanup)

const SAMPLE = [
  '# Plan',
  '',
  'Intro with *emphasis*, a [link](https://ollama.com) and inline $x^2$ math.',
  '',
  '```python',
  'def f():',
  '',
  '    return 1',
  '```',
  '',
  '| a | b |',
  '|---|---|',
  '| 1 | 2 |',
  '',
  '$$',
  '\\frac{1}{2}',
  '',
  '+ 1',
  '$$',
  '',
  '- first item',
  '',
  '- second item',
  '  continued',
  '',
  '  with a paragraph',
  '',
  '  ```js',
  '  const a = 1',
  '',
  '  const b = 2',
  '  ```',
  '',
  '- third',
  '',
  '1. one',
  '2. two',
  '',
  '~~~',
  '```',
  '',
  'still code',
  '~~~',
  '',
  '<!--',
  '',
  'a comment',
  '-->',
  '',
  '> a quote',
  '',
  '---',
  '',
  'Done.',
  '',
].join('\n')

function html(text: string, streaming: boolean): string {
  const { container } = render(<Markdown text={text} streaming={streaming} />)
  const markup = container.innerHTML
  cleanup()
  return markup
}

describe('splitMarkdownBlocks', () => {
  it('cuts at blank lines between top-level blocks and gives the source back when joined', () => {
    const blocks = splitMarkdownBlocks(SAMPLE)
    expect(blocks.join('')).toBe(SAMPLE)
    expect(blocks.map((block) => block.split('\n')[0])).toEqual([
      '# Plan',
      'Intro with *emphasis*, a [link](https://ollama.com) and inline $x^2$ math.',
      '```python',
      '| a | b |',
      '$$',
      '- first item',
      '~~~',
      '<!--',
      '> a quote',
      '---',
      'Done.',
    ])
  })

  it('keeps a code block, a math block and a loose list whole across their blank lines', () => {
    const blocks = splitMarkdownBlocks(SAMPLE)
    expect(blocks).toContain('```python\ndef f():\n\n    return 1\n```\n\n')
    expect(blocks).toContain('$$\n\\frac{1}{2}\n\n+ 1\n$$\n\n')
    expect(blocks.find((block) => block.startsWith('- first item'))).toContain('- third\n\n1. one\n2. two')
  })

  it('does not split a text with reference or footnote definitions', () => {
    const text = 'See [the docs][d] and a note[^1].\n\nMore.\n\n[d]: https://ollama.com\n[^1]: The note.'
    expect(splitMarkdownBlocks(text)).toEqual([text])
  })

  it('keeps an unclosed fence (a reply still streaming its code) in one block', () => {
    expect(splitMarkdownBlocks('Intro\n\n```ts\nconst a = 1\n\nconst b')).toEqual([
      'Intro\n\n',
      '```ts\nconst a = 1\n\nconst b',
    ])
  })
})

describe('Markdown rendered block by block while streaming', () => {
  it('renders code, table, math and a loose list exactly as the whole-text render does', () => {
    const whole = html(SAMPLE, false)
    expect(whole).toContain('<table>')
    expect(whole).toContain('class="katex')
    expect(whole).toContain('code-block__language">python<')
    expect(html(SAMPLE, true)).toBe(whole)
  })

  it('matches the whole-text render at every line while the reply grows', () => {
    const lines = SAMPLE.split('\n')
    for (let count = 1; count <= lines.length; count++) {
      const prefix = lines.slice(0, count).join('\n')
      expect(html(prefix, true), `after ${count} lines`).toBe(html(prefix, false))
    }
  })
})
