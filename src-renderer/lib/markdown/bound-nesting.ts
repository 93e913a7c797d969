import { MAX_NESTING_DEPTH } from './limits'

// A container marker at the start of what is left of a line: a block quote `>` or a list item marker followed by
// whitespace (or the line's end). Sticky, so the prefix is read from left to right once.
const QUOTE_OR_ITEM = /[ \t]*(?:>|(?:[-+*]|\d{1,9}[.)])(?=[ \t]|$))/y
const FENCE = /^(`{3,}|~{3,})/
const TOP_LEVEL_FENCE = /^ {0,3}(`{3,}|~{3,})/
// A thematic break (`- - -`, `***`), which looks like list markers but opens nothing.
const THEMATIC_BREAK = /^(?:[ \t]*>)*[ \t]*([-*_])(?:[ \t]*\1){2,}[ \t]*$/
// Emphasis delimiter runs, with the character before and after (CommonMark's left- and right-flanking rules).
const DELIMITER_RUN = /(\*+|_+)/g
const WHITESPACE = /^\s?$/u
const PUNCTUATION = /^[\p{P}\p{S}]$/u

interface LinePrefix {
  /** Block quotes and list items the prefix opens, plus one level per two columns of indentation. */
  depth: number
  /** The prefix's markers alone, without indentation. */
  markers: number
  /** What follows the prefix. */
  rest: string
}

function columns(whitespace: string): number {
  let width = 0
  for (const char of whitespace) width += char === '\t' ? 4 - (width % 4) : 1
  return width
}

/**
 * An upper bound of the containers a line can be inside: each `>` or list marker opens at most one, and a nested
 * list item needs at least two more columns of indentation than its parent. Linear in the line's prefix.
 */
function linePrefix(line: string): LinePrefix {
  let markers = 0
  let indentation = 0
  let offset = 0
  QUOTE_OR_ITEM.lastIndex = 0
  for (let match = QUOTE_OR_ITEM.exec(line); match !== null; match = QUOTE_OR_ITEM.exec(line)) {
    // Indentation nests only at the line's start; the space between markers (`> > `) belongs to the marker.
    if (markers === 0) indentation += columns(match[0].slice(0, match[0].length - match[0].trimStart().length))
    markers++
    offset = QUOTE_OR_ITEM.lastIndex
  }
  const rest = line.slice(offset)
  const trimmed = rest.trimStart()
  indentation += columns(rest.slice(0, rest.length - trimmed.length))
  return { depth: markers + Math.floor(indentation / 2), markers, rest: trimmed }
}

const isFlankingSpace = (char: string): boolean => WHITESPACE.test(char)
const isPunctuation = (char: string): boolean => PUNCTUATION.test(char)

/**
 * The emphasis levels open after `line`, and the most open within it, starting from `open`: a run of `*` or `_`
 * that can only open (CommonMark's flanking rules) opens one level per character, one that can only close closes.
 */
function emphasisAfter(line: string, open: number): { open: number; peak: number } {
  let change = open
  let peak = open
  DELIMITER_RUN.lastIndex = 0
  for (let match = DELIMITER_RUN.exec(line); match !== null; match = DELIMITER_RUN.exec(line)) {
    const before = line[match.index - 1] ?? ''
    const after = line[match.index + match[0].length] ?? ''
    const opens = !isFlankingSpace(after) && (!isPunctuation(after) || isFlankingSpace(before) || isPunctuation(before))
    const closes =
      !isFlankingSpace(before) && (!isPunctuation(before) || isFlankingSpace(after) || isPunctuation(after))
    if (opens && !closes) change += match[0].length
    else if (closes && !opens) change = Math.max(0, change - match[0].length)
    peak = Math.max(peak, change)
  }
  return { open: change, peak }
}

/** A fenced code block of `lines` that no line inside can close: its fence is longer than any backtick run in them. */
function asCode(lines: readonly string[]): string {
  let longest = 2
  for (const line of lines) for (const run of line.match(/`+/g) ?? []) longest = Math.max(longest, run.length)
  const fence = '`'.repeat(longest + 1)
  return [`${fence}text`, ...lines, fence].join('\n')
}

/**
 * Shows as code the lines of `source` that would nest deeper than {@link MAX_NESTING_DEPTH}: block quotes, list
 * items, indentation and emphasis (which the parser and React follow recursively, so a few KB of `- - - …` overflowed
 * the stack). One pass over the text, before it is parsed; text within the bound is returned unchanged. Inside a
 * fenced code block only quote and list markers count (deep indentation is ordinary code there).
 */
export function boundNesting(source: string): string {
  const lines = source.split('\n')
  const out: string[] = []
  let tooDeep: string[] = []
  let fence: string | null = null
  let emphasis = 0
  let changed = false
  for (const line of lines) {
    const prefix = linePrefix(line)
    let deep: boolean
    if (fence !== null) {
      deep = prefix.markers > MAX_NESTING_DEPTH
      if (
        prefix.rest.startsWith(fence) &&
        prefix.rest
          .slice(fence.length)
          .trim()
          .replaceAll(fence[0] ?? '', '') === ''
      )
        fence = null
    } else {
      // A blank line ends the paragraph, and with it any emphasis left open.
      const inline = prefix.rest === '' ? { open: 0, peak: 0 } : emphasisAfter(prefix.rest, emphasis)
      emphasis = inline.open
      deep = (prefix.depth > MAX_NESTING_DEPTH && !THEMATIC_BREAK.test(line)) || inline.peak > MAX_NESTING_DEPTH
      // Only a fence at the top level, indented at most three columns, is trusted to run to its closing fence: one in a
      // quote or list item ends with its container, and one indented four columns is no fence at all, so a deep list
      // or emphasis run after either would reach the parser unchecked if this scan thought it was code.
      const opened = deep || prefix.markers > 0 || !TOP_LEVEL_FENCE.test(line) ? null : FENCE.exec(prefix.rest)
      if (opened?.[1] !== undefined) fence = opened[1]
    }
    if (deep) {
      tooDeep.push(line)
      emphasis = 0
      changed = true
      continue
    }
    if (tooDeep.length > 0) out.push(asCode(tooDeep))
    tooDeep = []
    out.push(line)
  }
  if (tooDeep.length > 0) out.push(asCode(tooDeep))
  return changed ? out.join('\n') : source
}
