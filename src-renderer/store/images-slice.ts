import { safeCall } from './safe-call'
import type { SliceCreator } from './types'

/** Stored images of sent messages, read from main one at a time (never from an address a model wrote). */
export interface ImagesSlice {
  /** A `data:` URL of image `position` of message `messageId`; `null` when main could not give it. Cached. */
  messageImage: (messageId: string, position: number) => Promise<string | null>
}

/** Images already read, as data URLs; the newest few dozen stay (a long conversation scrolls past many). */
const CACHE_SIZE = 48

export const createImagesSlice: SliceCreator<ImagesSlice> = (bridge) => () => {
  const cache = new Map<string, Promise<string | null>>()
  return {
    messageImage(messageId, position) {
      const key = `${messageId}/${position}`
      const cached = cache.get(key)
      if (cached !== undefined) return cached
      const loading = safeCall(bridge, 'chats:image', { messageId, position }).then((result) => {
        if (!result.ok) cache.delete(key)
        return result.ok ? `data:${result.value.mime};base64,${result.value.data}` : null
      })
      cache.set(key, loading)
      if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value ?? key)
      return loading
    },
  }
}
