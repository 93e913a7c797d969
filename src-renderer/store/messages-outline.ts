import { useState } from 'react'
import type { ChatMessage } from '../../src-shared/types'
import { selectActiveMessages } from './messages-slice'
import { useApp } from './store-context'
import type { AppState } from './types'

/**
 * Whether `next` is `previous` with nothing changed but how much text its streaming replies have: the same
 * messages in the same order, where a reply streaming in both may have other `content` and `thinking`, though not
 * gain its first text (whether a reply has text decides whether main sends it to the model).
 */
export function sameApartFromStreamedText(previous: readonly ChatMessage[], next: readonly ChatMessage[]): boolean {
  if (previous === next) return true
  if (previous.length !== next.length) return false
  return previous.every((message, index) => {
    const other = next[index]
    return other !== undefined && (message === other || onlyStreamedTextGrew(message, other))
  })
}

function onlyStreamedTextGrew(previous: ChatMessage, next: ChatMessage): boolean {
  if (previous.status !== 'streaming' || next.status !== 'streaming') return false
  if ((previous.content === '') !== (next.content === '') || (previous.thinking === '') !== (next.thinking === '')) {
    return false
  }
  // Every other field as it was (the objects among them too: a streamed frame copies them over unchanged).
  return (Object.keys(previous) as Array<keyof ChatMessage>).every(
    (key) => key === 'content' || key === 'thinking' || previous[key] === next[key],
  )
}

/**
 * A selector of the open conversation's messages that answers the array it answered before for as long as only
 * streamed text grew (see `sameApartFromStreamedText`). Its streaming reply may hold less text than the store's.
 */
export function createOutlineSelector(): (state: AppState) => readonly ChatMessage[] {
  let previous: readonly ChatMessage[] | null = null
  return (state) => {
    const next = selectActiveMessages(state)
    if (previous === null || !sameApartFromStreamedText(previous, next)) previous = next
    return previous
  }
}

/**
 * The open conversation's messages for what is derived from the list as a whole (the last reply, the latest
 * context report, where the model stops seeing): the same array while a reply streams, so a `useMemo` on it
 * runs when the list changes rather than on every streamed frame, and a component reading only this does not
 * re-render per frame. Never render message text from it: read that from `selectActiveMessages`.
 */
export function useActiveMessagesOutline(): readonly ChatMessage[] {
  const [select] = useState(createOutlineSelector)
  return useApp(select)
}
