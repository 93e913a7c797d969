import 'katex/dist/katex.min.css'
import { memo } from 'react'
import ReactMarkdown, { type Components } from 'react-markdown'
import rehypeHighlight from 'rehype-highlight'
import rehypeKatex from 'rehype-katex'
import remarkGfm from 'remark-gfm'
import remarkMath from 'remark-math'
import { CodeBlock } from './CodeBlock'
import { SafeImage } from './SafeImage'
import { SafeLink } from './SafeLink'
import { safeUrl } from './url-policy'

const remarkPlugins = [remarkGfm, remarkMath]
// KaTeX first, so ```math blocks become formulas before the highlighter sees them.
const rehypePlugins = [rehypeKatex, rehypeHighlight]
const components: Components = { a: SafeLink, img: SafeImage, pre: CodeBlock }

/**
 * Renders untrusted Markdown (model output): GFM tables, KaTeX math, highlighted code. Raw HTML is never
 * interpreted (react-markdown shows it as text; rehype-raw is deliberately absent), URLs pass `safeUrl`,
 * and images are never loaded.
 */
export const Markdown = memo(function Markdown({ text }: { text: string }) {
  return (
    <div className="markdown">
      <ReactMarkdown
        remarkPlugins={remarkPlugins}
        rehypePlugins={rehypePlugins}
        components={components}
        urlTransform={safeUrl}
      >
        {text}
      </ReactMarkdown>
    </div>
  )
})
