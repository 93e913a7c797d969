import { safeCall } from './safe-call'
import type { SliceCreator } from './types'

/** Stored images of sent messages, read from main one at a time (never from an address a model wrote). */
export interface ImagesSlice {
  /** A `data:` URL of image `position` of message `messageId`; `null` when main could not give it. Cached. */
  messageImage: (messageId: string, position: number) => Promise<string | null>
}

// Images already read stay as data URLs, the oldest read first to go: a few dozen, and never more than about 64 MB of
// text between them (eight 10 MB photos would otherwise keep over 100 MB alive after they scrolled away). An image on
// screen keeps its own copy, so dropping it here never blanks it.
const MAX_CACHED = 48
const MAX_CACHED_CHARS = 64 * 1024 * 1024

export const createImagesSlice: SliceCreator<ImagesSlice> = (bridge) => () => {
  const cache = new Map<string, Promise<string | null>>()
  const sizes = new Map<string, number>()
  let cachedChars = 0

  const forget = (key: string) => {
    cache.delete(key)
    cachedChars -= sizes.get(key) ?? 0
    sizes.delete(key)
  }
  const keepWithinBounds = () => {
    for (const oldest of cache.keys()) {
      if (cache.size <= MAX_CACHED && cachedChars <= MAX_CACHED_CHARS) return
      forget(oldest)
    }
  }

  return {
    messageImage(messageId, position) {
      const key = `${messageId}/${position}`
      const cached = cache.get(key)
      if (cached !== undefined) return cached
      const loading = safeCall(bridge, 'conversations:image', { messageId, position }).then((result) => {
        if (!result.ok) {
          // Only its own entry: a newer read of the same image may have taken the key meanwhile.
          if (cache.get(key) === loading) forget(key)
          return null
        }
        const url = `data:${result.value.mime};base64,${result.value.data}`
        if (cache.get(key) === loading) {
          sizes.set(key, url.length)
          cachedChars += url.length
          keepWithinBounds()
        }
        return url
      })
      cache.set(key, loading)
      keepWithinBounds()
      return loading
    },
  }
}
