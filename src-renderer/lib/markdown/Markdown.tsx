import { memo, useEffect, useSyncExternalStore } from 'react'
import { lazyModule } from './lazy-module'
import './pending.css'

// The Markdown stack (react-markdown, micromark, GFM, math syntax) is a third of the app's JS and the first screen
// does not need it before a conversation is open. It is asked for as soon as the app starts, in parallel with the
// first requests to the core, so it has usually arrived before the first message is shown.
const renderer = lazyModule('the Markdown renderer', () => import('./MarkdownRenderer'))
void renderer.load()

/** Waits for the Markdown renderer; for tests and anything that must not show the plain-text stand-in. */
export const loadMarkdownRenderer = (): Promise<void> => renderer.load()

/**
 * Renders untrusted Markdown (model output) with `MarkdownRenderer` (see there for what is safe and how streaming
 * is parsed). Until that module has arrived the text is shown as it is, wrapped, and replaced once it is there.
 */
export const Markdown = memo(function Markdown({ text, streaming = false }: { text: string; streaming?: boolean }) {
  const loaded = useSyncExternalStore(renderer.subscribe, renderer.get)
  useEffect(() => {
    if (loaded === undefined) void renderer.load()
  }, [loaded])
  return (
    <div className="markdown">
      {loaded ? (
        <loaded.MarkdownRenderer text={text} streaming={streaming} />
      ) : (
        <p className="markdown-pending">{text}</p>
      )}
    </div>
  )
})
