import { cleanup, render, waitFor } from '@testing-library/react'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import type * as Lowlight from 'lowlight'
import { loadMarkdownRenderer, Markdown } from './Markdown'

// Counts how often each lazily loaded module is evaluated and how often a highlighter instance is made, while
// keeping the real modules.
const counts = vi.hoisted(() => ({ math: 0, code: 0, createLowlight: 0 }))
vi.mock('./rehype-math', async (importOriginal) => {
  counts.math += 1
  return importOriginal()
})
vi.mock('./rehype-lowlight', async (importOriginal) => {
  counts.code += 1
  return importOriginal()
})
vi.mock('lowlight', async (importOriginal) => {
  const real = await importOriginal<typeof Lowlight>()
  return {
    ...real,
    createLowlight: (...args: Parameters<typeof real.createLowlight>) => {
      counts.createLowlight += 1
      return real.createLowlight(...args)
    },
  }
})

beforeAll(loadMarkdownRenderer)
afterEach(cleanup)

// Lets pending effects, imports and re-renders run.
const settle = () => new Promise((resolve) => setTimeout(resolve, 20))

// One file, one module state: the tests run in order, from nothing loaded to everything loaded.
describe('KaTeX and the highlighter load only when a message needs them', () => {
  it('a message without math or code never imports them', async () => {
    const { container } = render(
      <Markdown text={'Plain **bold** text, a [link](https://ollama.com) and `inline code`.\n\n    indented code'} />,
    )
    await settle()
    expect(container.querySelector('strong')?.textContent).toBe('bold')
    expect(counts).toEqual({ math: 0, code: 0, createLowlight: 0 })
  })

  it('math shows as its source in <code> at once (no dollar signs), then as a formula', async () => {
    const { container } = render(<Markdown text={'Inline $x^2$ math.\n\n$$\n\\frac{1}{2}\n$$'} />)
    const inline = container.querySelector('code.math-inline')
    expect(inline?.textContent).toBe('x^2')
    expect(container.querySelector('pre.math-pending')?.textContent).toBe('\\frac{1}{2}')
    expect(container.textContent).not.toContain('$')
    expect(container.querySelector('.code-block')).toBeNull()
    await waitFor(() => expect(container.querySelectorAll('.katex')).toHaveLength(2))
    expect(container.querySelector('.katex-display')).not.toBeNull()
    expect(counts).toMatchObject({ math: 1, code: 0 })
  })

  it('code shows unhighlighted at once, then highlighted, with one highlighter for every message', async () => {
    const first = render(<Markdown text={'```ts\nconst a: number = 1\n```'} />)
    expect(first.container.querySelector('pre code')?.textContent).toBe('const a: number = 1\n')
    expect(first.container.querySelector('[class^="hljs-"]')).toBeNull()
    await waitFor(() => expect(first.container.querySelector('.hljs-keyword')?.textContent).toBe('const'))
    const second = render(<Markdown text={'```python\nprint("hi")\n```'} />)
    await waitFor(() => expect(second.container.querySelector('.hljs-string')).not.toBeNull())
    expect(counts).toEqual({ math: 1, code: 1, createLowlight: 1 })
  })

  it('a ```math block becomes a formula, not highlighted code, once both have loaded', async () => {
    const { container } = render(<Markdown text={'```math\nE = mc^2\n```'} />)
    await waitFor(() => expect(container.querySelector('.katex-display')).not.toBeNull())
    expect(container.querySelector('.code-block')).toBeNull()
  })
})
