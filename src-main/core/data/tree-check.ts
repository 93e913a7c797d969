import type { MessageToImport } from '../history/history-import'
import { refuseImport } from './import-refusal'

/**
 * The shape every imported conversation must have, whichever file it came from: unique ids, each message after
 * its parent (so the written order is a valid history), images only on messages the user sent, and a path (the
 * messages marked as shown) that is one line from a first message down. `where` names the conversation.
 */
export function checkTree(messages: readonly MessageToImport[], where: string): void {
  const seen = new Set<string>()
  const onPath = new Set<string>()
  const pathChildOf = new Set<string | null>()
  messages.forEach((message, index) => {
    const name = `message ${index + 1} of ${where}`
    if (seen.has(message.id)) refuseImport(`The id of ${name} is used twice.`)
    if (message.parentId !== null && !seen.has(message.parentId)) {
      refuseImport(`${name} follows a message that is not before it in the file (its parent is missing).`)
    }
    if (message.images.length > 0 && message.role !== 'user')
      refuseImport(`${name} carries images, which only messages you send can.`)
    if (message.onPath) {
      if (message.parentId !== null && !onPath.has(message.parentId)) {
        refuseImport(`${name} is marked as shown, but the message it follows is not.`)
      }
      if (pathChildOf.has(message.parentId))
        refuseImport(`In ${where}, two versions of the same message are marked as shown.`)
      pathChildOf.add(message.parentId)
      onPath.add(message.id)
    }
    seen.add(message.id)
  })
  if (messages.length > 0 && onPath.size === 0) refuseImport(`In ${where}, no message is marked as shown.`)
}
