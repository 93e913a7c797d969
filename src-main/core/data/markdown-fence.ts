/**
 * A code fence as CommonMark reads one (§4.5 "Fenced code blocks"): up to three spaces, then three or more backticks
 * or tildes; an opening backtick fence's info string has no backtick.
 */
const FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/

/**
 * The text with a code block it leaves open closed at its end (a reply stopped or cut off in the middle of one):
 * written raw, an open fence would turn everything after it in the export, headings of later messages included,
 * into code. The closing fence repeats the opening's character and length, as a closing fence must be at least as
 * long as the opening one.
 */
export function closeOpenFence(text: string): string {
  let open: string | null = null
  for (const line of text.split('\n')) {
    const match = FENCE.exec(line)
    if (match === null) continue
    const fence = match[1] as string
    const rest = match[2] as string
    if (open === null) {
      if (!(fence.startsWith('`') && rest.includes('`'))) open = fence
    } else if (fence[0] === open[0] && fence.length >= open.length && rest.trim() === '') {
      open = null
    }
  }
  if (open === null) return text
  return `${text}${text.endsWith('\n') ? '' : '\n'}${open}`
}
