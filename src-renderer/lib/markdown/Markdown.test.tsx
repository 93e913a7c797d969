import { cleanup, render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { loadMarkdownRenderer, Markdown } from './Markdown'
import { safeUrl } from './url-policy'

// These tests check what the real renderer makes of hostile input, not the plain-text stand-in shown while the
// renderer loads (lazy-loading.test.tsx covers that).
beforeAll(loadMarkdownRenderer)
afterEach(cleanup)

describe('Markdown from a model is inert', () => {
  it('shows a <script> as text and never creates a script element', () => {
    const { container } = render(<Markdown text={'Hello <script>window.pwned = 1</script> there'} />)
    expect(container.querySelector('script')).toBeNull()
    expect(container.textContent).toContain('<script>window.pwned = 1</script>')
  })

  it('never creates an <img>, for markdown images or raw HTML ones', () => {
    const { container } = render(
      <Markdown
        text={'![a cat](http://evil.example/cat.png)\n\n<img src="http://evil.example/x.png" onerror="alert(1)">'}
      />,
    )
    expect(container.querySelector('img')).toBeNull()
    const link = screen.getByRole('link', { name: 'a cat' })
    expect(link.getAttribute('href')).toBe('http://evil.example/cat.png')
    expect(link.getAttribute('rel')).toBe('noreferrer noopener')
  })

  it('neutralises javascript: links and keeps their text', () => {
    const { container } = render(<Markdown text={'[click me](javascript:alert(1)) and [ok](https://ollama.com)'} />)
    const anchors = [...container.querySelectorAll('a')]
    expect(anchors.map((anchor) => anchor.getAttribute('href'))).toEqual(['https://ollama.com/'])
    expect(container.textContent).toContain('click me')
    expect(anchors[0]?.getAttribute('target')).toBe('_blank')
  })

  it('does not interpret raw HTML or iframes', () => {
    const { container } = render(
      <Markdown text={'<div onclick="x()"><b>bold?</b></div>\n\n<iframe src="https://evil.example"></iframe>'} />,
    )
    expect(container.querySelector('iframe')).toBeNull()
    expect(container.querySelector('b')).toBeNull()
    expect(container.querySelector('[onclick]')).toBeNull()
    expect(container.textContent).toContain('<iframe src="https://evil.example"></iframe>')
  })

  it('renders GFM tables and KaTeX math (once KaTeX has loaded)', async () => {
    const { container } = render(<Markdown text={'| a | b |\n|---|---|\n| 1 | 2 |\n\nInline $x^2$ math.'} />)
    expect(container.querySelectorAll('table td')).toHaveLength(2)
    await waitFor(() => expect(container.querySelector('.katex')).not.toBeNull())
  })
})

describe('code blocks', () => {
  it('show the language and copy the code to the clipboard', async () => {
    const user = userEvent.setup()
    const { container } = render(<Markdown text={'```python\nprint("hi")\n```'} />)
    expect(container.querySelector('.code-block__language')?.textContent).toBe('python')
    await waitFor(() => expect(container.querySelector('.hljs-built_in, .hljs-string')).not.toBeNull())
    await user.click(screen.getByRole('button', { name: 'Copy code' }))
    expect(await navigator.clipboard.readText()).toBe('print("hi")')
    expect(screen.getByRole('button', { name: 'Copied' })).toBeTruthy()
  })
})

describe('safeUrl', () => {
  it.each([
    ['https://example.com/a?b=1', 'https://example.com/a?b=1'],
    ['mailto:someone@example.com', 'mailto:someone@example.com'],
    ['javascript:alert(1)', ''],
    [' JaVaScRiPt:alert(1)', ''],
    ['java\nscript:alert(1)', ''],
    ['data:text/html;base64,PHNjcmlwdD4=', ''],
    ['file:///etc/passwd', ''],
    ['/relative/path', ''],
    ['vbscript:msgbox', ''],
  ])('%j → %j', (input, expected) => {
    expect(safeUrl(input)).toBe(expected)
  })
})
