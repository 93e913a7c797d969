import { AppFailure } from '../app-failure'

/**
 * A file refused, with the reason in a sentence (its first letter made capital, so a sentence may start with a
 * conversation's label); nothing has been written when it is thrown.
 */
export const refuseImport = (sentence: string): never => {
  throw new AppFailure('INVALID_INPUT', `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}`)
}

/** "conversation 3 (“Trip plans”)": how refusals name the conversation a problem is in. */
export const conversationLabel = (index: number, title: string | null): string =>
  title === null || title.trim() === ''
    ? `conversation ${index + 1}`
    : `conversation ${index + 1} (“${title.trim().slice(0, 80)}”)`
