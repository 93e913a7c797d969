// How much structure a reply may ask of the Markdown renderer before the excess is shown as plain text. A model's
// text is untrusted: micromark, mdast-util-to-hast and React all recurse once per level of nesting, so a 2 KB reply of
// `- - - …` 1,000 deep (or `>` 3,000 deep, `1. ` 5,000 deep, `*a ` 3,000 deep) overflowed the stack and the
// conversation could not be opened again; KaTeX took 30 s over a 100 KB formula and highlight.js 18–29 s over a 1 MB
// code block. The numbers sit far above what a person writes and far below what hurts:
// - 32 levels: real replies nest lists and quotes 2 to 6 deep; the stack overflowed between a few hundred and a
//   thousand; 32 levels render in well under a millisecond.
// - 4,000 characters of formula: a page of dense LaTeX is about 2,000; KaTeX lays out 4,000 in about 50 ms.
// - 100,000 characters of highlighted code: about 2,500 lines, more than anyone reads in a chat; highlight.js takes
//   about 100 ms on that (linear), and the block stays readable and copyable as plain text past it.

/** Container levels (block quotes, list items, emphasis) one line may open; deeper lines are shown as text. */
export const MAX_NESTING_DEPTH = 32
/** A formula longer than this is shown as its source in code, never given to KaTeX. */
export const MAX_FORMULA_CHARS = 4_000
/** A code block longer than this is shown plain, never given to the highlighter. */
export const MAX_HIGHLIGHTED_CODE_CHARS = 100_000
/**
 * While a reply streams, its growing last block is shown as plain text past this length, and parsed once it ends: a
 * growing code block is parsed and highlighted again on every batch, and at 20,000 characters one batch took 213 ms.
 */
export const GROWING_BLOCK_PLAIN_CHARS = 8_000
/** A finished reply longer than this is rendered block by block, each block parsed once (no one long parse). */
export const WHOLE_TEXT_MAX_CHARS = 50_000
/**
 * A block longer than this is shown as its text rather than formatted: parsing 150 KB of one block took 245 ms on
 * the CI machine, and past this size a block is a code dump or a flood, not prose to format.
 */
export const MAX_FORMATTED_BLOCK_CHARS = 100_000
