import type { Options } from 'react-markdown'
import { lazyModule } from './lazy-module'
import type { MarkdownNeeds } from './markdown-needs'

type RehypePlugins = NonNullable<Options['rehypePlugins']>

const math = lazyModule('the math renderer (KaTeX)', () => import('./rehype-math'))
const code = lazyModule('the code highlighter', () => import('./rehype-lowlight'))

/** Starts loading what `needs` names and has not arrived yet; resolves when all of it has (or failed). */
export function loadPlugins(needs: MarkdownNeeds): Promise<void> {
  return Promise.all([needs.math ? math.load() : undefined, needs.code ? code.load() : undefined]).then(() => undefined)
}

/** Calls `listener` whenever a plugin arrives. */
export function subscribeToPlugins(listener: () => void): () => void {
  const unsubscribe = [math.subscribe(listener), code.subscribe(listener)]
  return () => unsubscribe.forEach((stop) => stop())
}

// One array per combination, so a block whose plugins did not change keeps the same array and is not parsed again.
const combinations = new Map<string, RehypePlugins>()

/**
 * The rehype plugins for a block with `needs`, among those loaded so far: KaTeX first, so a ```math block becomes
 * a formula before the highlighter sees it. Stable: the same inputs give the same array.
 */
export function pluginsFor(needs: MarkdownNeeds): RehypePlugins {
  const katex = needs.math ? math.get()?.rehypeKatex : undefined
  const lowlight = needs.code ? code.get()?.rehypeLowlight : undefined
  const key = `${katex !== undefined}/${lowlight !== undefined}`
  let plugins = combinations.get(key)
  if (plugins === undefined)
    combinations.set(key, (plugins = [katex, lowlight].filter((plugin) => plugin !== undefined)))
  return plugins
}
