import { Fragment, memo, useEffect, useMemo, useSyncExternalStore } from 'react'
import ReactMarkdown, { type Components, type Options } from 'react-markdown'
import remarkGfm from 'remark-gfm'
import remarkMath from 'remark-math'
import { boundNesting } from './bound-nesting'
import { GROWING_BLOCK_PLAIN_CHARS, MAX_FORMATTED_BLOCK_CHARS, WHOLE_TEXT_MAX_CHARS } from './limits'
import { CodeBlock } from './CodeBlock'
import { loadPlugins, pluginsFor, subscribeToPlugins } from './lazy-plugins'
import { markdownNeeds } from './markdown-needs'
import { SafeImage } from './SafeImage'
import { SafeLink } from './SafeLink'
import { splitMarkdownBlocks } from './split-blocks'
import { safeUrl } from './url-policy'

// remark-math stays in the first page: until KaTeX arrives, math shows as its source in <code> (no `$` signs).
const remarkPlugins = [remarkGfm, remarkMath]
const components: Components = { a: SafeLink, img: SafeImage, pre: CodeBlock }

// Memoised on its text and plugins: a block that stopped changing is not parsed again, nor is one whose plugins
// did not change when a lazily loaded one arrived for another message.
const ParsedMarkdown = memo(function ParsedMarkdown({
  text,
  rehypePlugins,
}: {
  text: string
  rehypePlugins: Options['rehypePlugins']
}) {
  return (
    <ReactMarkdown
      remarkPlugins={remarkPlugins}
      rehypePlugins={rehypePlugins}
      components={components}
      urlTransform={safeUrl}
    >
      {text}
    </ReactMarkdown>
  )
})

/**
 * One block: rendered at once with what is loaded, and again when KaTeX or the highlighter it needs arrives. Its
 * nesting is bounded here (limits.ts), once per text, so a streamed reply bounds only its growing block.
 */
const MarkdownBlock = memo(function MarkdownBlock({ text: source }: { text: string }) {
  const text = useMemo(() => boundNesting(source), [source])
  const { math, code } = markdownNeeds(text)
  const needs = useMemo(() => ({ math, code }), [math, code])
  const rehypePlugins = useSyncExternalStore(subscribeToPlugins, () => pluginsFor(needs))
  useEffect(() => {
    if (needs.math || needs.code) void loadPlugins(needs)
  }, [needs])
  return <ParsedMarkdown text={text} rehypePlugins={rehypePlugins} />
})

// A fenced code block's opening line, its body and (once it arrived) its closing fence.
const FENCED = /^ {0,3}(`{3,}|~{3,})[^\n]*\n([\s\S]*?)(?:\n {0,3}\1[`~]*[ \t]*)?$/

/**
 * A block shown as its text: one too long to format in time (limits.ts), or still growing past its bound. A fenced
 * code block shows its code without the fence lines, as it would formatted.
 */
function PlainBlock({ text }: { text: string }) {
  const code = FENCED.exec(text)?.[2]
  return (
    <pre className="markdown-plain">
      <code>{code ?? text}</code>
    </pre>
  )
}

// Rendered block by block: a streaming reply (only its last block grows, so only that block is parsed on each
// batch) and a long finished one (each block parsed once, none holding up the page for long). The newline between
// blocks is the one a whole-text render puts between top-level elements. A block longer than the bound is shown as
// its text: parsing and highlighting it on every batch cost 410 ms a batch at 150 KB of code, and a 1 MB block
// takes longer than a frame to parse even once.
function Blocks({ text, streaming }: { text: string; streaming: boolean }) {
  const blocks = splitMarkdownBlocks(text)
  return blocks.map((block, index) => {
    const limit = streaming && index === blocks.length - 1 ? GROWING_BLOCK_PLAIN_CHARS : MAX_FORMATTED_BLOCK_CHARS
    return (
      <Fragment key={index}>
        {index > 0 && '\n'}
        {block.length > limit ? <PlainBlock text={block} /> : <MarkdownBlock text={block} />}
      </Fragment>
    )
  })
}

/**
 * Renders untrusted Markdown (model output): GFM tables, KaTeX math, highlighted code. Raw HTML is never
 * interpreted (react-markdown shows it as text; rehype-raw is deliberately absent), URLs pass `safeUrl`,
 * and images are never loaded. With `streaming`, the text is rendered block by block so a growing reply
 * costs a parse of its last block per update; without it (a finished text) it is parsed whole, so
 * constructs that span blocks (footnotes, reference links) always end up right, unless it is longer than
 * WHOLE_TEXT_MAX_CHARS, which is rendered block by block too. KaTeX and the highlighter are
 * loaded on first need (lazy-plugins.ts); until then math shows as its source and code unhighlighted. This
 * module is itself loaded lazily (Markdown.tsx). Nesting, formulas and highlighted code are bounded (limits.ts).
 */
export function MarkdownRenderer({ text, streaming }: { text: string; streaming: boolean }) {
  return streaming || text.length > WHOLE_TEXT_MAX_CHARS ? (
    <Blocks text={text} streaming={streaming} />
  ) : (
    <MarkdownBlock text={text} />
  )
}
