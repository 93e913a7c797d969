import 'katex/dist/katex.min.css'
import { Fragment, memo } from 'react'
import ReactMarkdown, { type Components } from 'react-markdown'
import rehypeHighlight from 'rehype-highlight'
import rehypeKatex from 'rehype-katex'
import remarkGfm from 'remark-gfm'
import remarkMath from 'remark-math'
import { CodeBlock } from './CodeBlock'
import { SafeImage } from './SafeImage'
import { SafeLink } from './SafeLink'
import { splitMarkdownBlocks } from './split-blocks'
import { safeUrl } from './url-policy'

const remarkPlugins = [remarkGfm, remarkMath]
// KaTeX first, so ```math blocks become formulas before the highlighter sees them.
const rehypePlugins = [rehypeKatex, rehypeHighlight]
const components: Components = { a: SafeLink, img: SafeImage, pre: CodeBlock }

// Memoised on its text: a block that stopped changing is not parsed again.
const MarkdownBlock = memo(function MarkdownBlock({ text }: { text: string }) {
  return (
    <ReactMarkdown remarkPlugins={remarkPlugins} rehypePlugins={rehypePlugins} components={components} urlTransform={safeUrl}>
      {text}
    </ReactMarkdown>
  )
})

// While a reply streams only its last block grows, so only that block is parsed on each batch. The newline
// between blocks is the one a whole-text render puts between top-level elements.
function StreamingBlocks({ text }: { text: string }) {
  return splitMarkdownBlocks(text).map((block, index) => (
    <Fragment key={index}>
      {index > 0 && '\n'}
      <MarkdownBlock text={block} />
    </Fragment>
  ))
}

/**
 * Renders untrusted Markdown (model output): GFM tables, KaTeX math, highlighted code. Raw HTML is never
 * interpreted (react-markdown shows it as text; rehype-raw is deliberately absent), URLs pass `safeUrl`,
 * and images are never loaded. With `streaming`, the text is rendered block by block so a growing reply
 * costs a parse of its last block per update; without it (a finished text) it is parsed whole, so
 * constructs that span blocks (footnotes, reference links) always end up right.
 */
export const Markdown = memo(function Markdown({ text, streaming = false }: { text: string; streaming?: boolean }) {
  return <div className="markdown">{streaming ? <StreamingBlocks text={text} /> : <MarkdownBlock text={text} />}</div>
})
