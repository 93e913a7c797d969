import { Fragment, memo, useEffect, useMemo, useSyncExternalStore } from 'react'
import ReactMarkdown, { type Components, type Options } from 'react-markdown'
import remarkGfm from 'remark-gfm'
import remarkMath from 'remark-math'
import { boundNesting } from './bound-nesting'
import { GROWING_BLOCK_PLAIN_CHARS } from './limits'
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
const ParsedMarkdown = memo(function ParsedMarkdown({ text, rehypePlugins }: { text: string; rehypePlugins: Options['rehypePlugins'] }) {
  return (
    <ReactMarkdown remarkPlugins={remarkPlugins} rehypePlugins={rehypePlugins} components={components} urlTransform={safeUrl}>
      {text}
    </ReactMarkdown>
  )
})

/** One block: rendered at once with what is loaded, and again when KaTeX or the highlighter it needs arrives. */
const MarkdownBlock = memo(function MarkdownBlock({ text }: { text: string }) {
  const { math, code } = markdownNeeds(text)
  const needs = useMemo(() => ({ math, code }), [math, code])
  const rehypePlugins = useSyncExternalStore(subscribeToPlugins, () => pluginsFor(needs))
  useEffect(() => {
    if (needs.math || needs.code) void loadPlugins(needs)
  }, [needs])
  return <ParsedMarkdown text={text} rehypePlugins={rehypePlugins} />
})

// While a reply streams only its last block grows, so only that block is parsed on each batch. The newline
// between blocks is the one a whole-text render puts between top-level elements. A growing block past
// GROWING_BLOCK_PLAIN_CHARS (a long code block, typically) is shown as plain text until the reply ends: parsing and
// highlighting it again on every batch would cost more each time (410 ms a batch at 150 KB of code); the finished
// reply is parsed once.
function StreamingBlocks({ text }: { text: string }) {
  const blocks = splitMarkdownBlocks(text)
  return blocks.map((block, index) => (
    <Fragment key={index}>
      {index > 0 && '\n'}
      {index === blocks.length - 1 && block.length > GROWING_BLOCK_PLAIN_CHARS ? (
        <pre className="markdown-growing">{block}</pre>
      ) : (
        <MarkdownBlock text={block} />
      )}
    </Fragment>
  ))
}

/**
 * Renders untrusted Markdown (model output): GFM tables, KaTeX math, highlighted code. Raw HTML is never
 * interpreted (react-markdown shows it as text; rehype-raw is deliberately absent), URLs pass `safeUrl`,
 * and images are never loaded. With `streaming`, the text is rendered block by block so a growing reply
 * costs a parse of its last block per update; without it (a finished text) it is parsed whole, so
 * constructs that span blocks (footnotes, reference links) always end up right. KaTeX and the highlighter are
 * loaded on first need (lazy-plugins.ts); until then math shows as its source and code unhighlighted. This
 * module is itself loaded lazily (Markdown.tsx). Nesting, formulas and highlighted code are bounded (limits.ts).
 */
export function MarkdownRenderer({ text, streaming }: { text: string; streaming: boolean }) {
  // Nesting the parser and React would follow too deep is shown as code before anything parses it (limits.ts).
  const bounded = useMemo(() => boundNesting(text), [text])
  return streaming ? <StreamingBlocks text={bounded} /> : <MarkdownBlock text={bounded} />
}
