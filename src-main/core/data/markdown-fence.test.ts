import { describe, expect, it } from 'vitest'
import { closeOpenFence } from './markdown-fence'

describe('closing a code block a reply left open', () => {
  it('closes it with the same character and length', () => {
    expect(closeOpenFence('Here:\n```python\nprint(1)')).toBe('Here:\n```python\nprint(1)\n```')
    expect(closeOpenFence('~~~~\ncode\n')).toBe('~~~~\ncode\n~~~~')
    // A shorter fence, or one of the other character, does not close it.
    expect(closeOpenFence('````\n```\n~~~~')).toBe('````\n```\n~~~~\n````')
  })

  it('leaves closed blocks and text that only looks like a fence as they are', () => {
    const closed = 'a\n```js\nx\n```\nb\n  ~~~\ny\n~~~~~\n'
    expect(closeOpenFence(closed)).toBe(closed)
    // Four spaces make an indented code line, a backtick in the info string makes inline code: neither opens a block.
    expect(closeOpenFence('    ```\nnot a fence')).toBe('    ```\nnot a fence')
    expect(closeOpenFence('``` `inline` ```')).toBe('``` `inline` ```')
    // Text after a would-be closing fence makes it part of the code.
    expect(closeOpenFence('```\ncode\n``` more')).toBe('```\ncode\n``` more\n```')
  })
})
