/** Which lazily loaded renderer a Markdown text may need: KaTeX for math, the highlighter for fenced code. */
export interface MarkdownNeeds {
  math: boolean
  code: boolean
}

// remark-math reads `$…$` and `$$…$$`; rehype-katex also renders ```math blocks. A `$` that is not math (a price)
// only costs loading KaTeX early, while missing real math would leave its source showing, so the test is broad.
const MATH = /\$|^[ \t>]*(?:`{3,}|~{3,})[ \t]*math\b/m
// A fence with an info string (```ts), at any indentation (inside lists and quotes). Unnamed fences and indented
// code are not highlighted (no language guessing), so they need nothing.
const NAMED_FENCE = /^[ \t>]*(?:`{3,}|~{3,})[ \t]*[^\s`~]/m

/** What `text` may need, by a cheap scan of the source (false positives only load a module early). */
export function markdownNeeds(text: string): MarkdownNeeds {
  return { math: MATH.test(text), code: NAMED_FENCE.test(text) }
}
