// Loaded with import() only when a message may contain math (lazy-plugins.ts): KaTeX, its CSS and its fonts are
// a quarter of the app and most first screens have no formula. Vite loads the CSS before this module resolves,
// so a formula is never shown unstyled.
import 'katex/dist/katex.min.css'

export { default as rehypeKatex } from 'rehype-katex'
