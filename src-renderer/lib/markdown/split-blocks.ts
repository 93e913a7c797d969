/** Says whether a line ends the construct (fence, math block, HTML block) the block splitter is inside. */
type Closer = (line: string) => boolean

const BLANK = /^[ \t\r]*$/
// After a blank line, an indented line (list item content, indented code) still belongs to the block before
// it, and so does a list item when that block has a list (the next item of a loose list). Erring towards
// "belongs" only makes blocks larger.
const INDENTED = /^[ \t]/
const LIST_ITEM = /^ {0,3}(?:[-+*]|\d{1,9}[.)])(?:[ \t\r]|$)/
// Link reference and footnote definitions reach across blocks, so a text that has one is never split.
const DEFINITION = /^ {0,3}\[[^\]\n]+\]:/m
const BACKTICK_FENCE = /^ {0,3}(`{3,})[^`]*$/
const TILDE_FENCE = /^ {0,3}(~{3,})/
const FENCE_CLOSE = /^ {0,3}(`{3,}|~{3,})[ \t\r]*$/
// remark-math's display block: two or more dollars, then an optional meta without a dollar.
const MATH_OPEN = /^ {0,3}(\${2,})[^$]*$/
const MATH_CLOSE = /^ {0,3}(\${2,})[ \t\r]*$/
// CommonMark HTML blocks of kinds 1 to 5 run until their end marker, blank lines included.
const HTML_BLOCKS: ReadonlyArray<readonly [RegExp, RegExp]> = [
  [/^ {0,3}<(?:script|pre|style|textarea)(?=[\s>]|$)/i, /<\/(?:script|pre|style|textarea)>/i],
  [/^ {0,3}<!--/, /-->/],
  [/^ {0,3}<\?/, /\?>/],
  [/^ {0,3}<![A-Za-z]/, />/],
  [/^ {0,3}<!\[CDATA\[/, /\]\]>/],
]

function fenceCloser(sequence: string, close: RegExp): Closer {
  return (line) => {
    const match = close.exec(line)
    return match?.[1] !== undefined && match[1][0] === sequence[0] && match[1].length >= sequence.length
  }
}

/** The closer of the construct `line` opens, or `null` when the line opens none (or opens and ends one). */
function openedBy(line: string): Closer | null {
  const fence = BACKTICK_FENCE.exec(line) ?? TILDE_FENCE.exec(line)
  if (fence?.[1] !== undefined) return fenceCloser(fence[1], FENCE_CLOSE)
  const math = MATH_OPEN.exec(line)
  if (math?.[1] !== undefined) return fenceCloser(math[1], MATH_CLOSE)
  for (const [start, end] of HTML_BLOCKS) {
    const match = start.exec(line)
    if (match === null) continue
    if (end.test(line.slice(match[0].length))) return null
    return (next) => end.test(next)
  }
  return null
}

/**
 * Cuts Markdown into top-level blocks at blank lines, so a streaming reply can re-render only its last block.
 * The pieces joined give the source back (blank lines stay at the end of the block before them). A cut is
 * never made inside a fenced code block, a `$$` math block or a multi-line HTML block, nor before a line
 * that continues a list or an indented block, and a text with link or footnote definitions stays whole:
 * each piece then renders as it does inside the whole text.
 */
export function splitMarkdownBlocks(source: string): string[] {
  if (DEFINITION.test(source)) return [source]
  const blocks: string[] = []
  let blockStart = 0
  let lineStart = 0
  let closer: Closer | null = null
  let afterBlank = false
  let hasContent = false
  let hasList = false
  for (const line of source.split('\n')) {
    if (closer !== null) {
      if (closer(line)) closer = null
    } else if (BLANK.test(line)) {
      afterBlank = hasContent
    } else {
      const isListItem = LIST_ITEM.test(line)
      if (afterBlank && !INDENTED.test(line) && !(isListItem && hasList)) {
        blocks.push(source.slice(blockStart, lineStart))
        blockStart = lineStart
        hasList = false
      }
      afterBlank = false
      hasContent = true
      hasList ||= isListItem
      closer = openedBy(line)
    }
    lineStart += line.length + 1
  }
  blocks.push(source.slice(blockStart))
  return blocks
}
