// Loaded with import() only when a message may contain math (lazy-plugins.ts): KaTeX, its CSS and its fonts are
// a quarter of the app and most first screens have no formula. Vite loads the CSS before this module resolves,
// so a formula is never shown unstyled.
import 'katex/dist/katex.min.css'
import renderWithKatex from 'rehype-katex'
import { boundFormulas } from './bound-formulas'

type Transformer = ReturnType<typeof renderWithKatex>

/** rehype-katex, after formulas over the size bound have been turned into plain code (bound-formulas.ts). */
export function rehypeKatex(): Transformer {
  const render = renderWithKatex()
  return (tree, file) => {
    boundFormulas(tree)
    return render(tree, file)
  }
}
