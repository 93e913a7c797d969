import { messageOf } from '../guards'
import type { Logger } from '../log'
import type { OllamaClient } from '../ollama/client'
import { CancelledError } from '../ollama/errors'

/** How long a create every reply stopped waiting for is still awaited before the request is dropped. */
export const ABANDONED_CREATE_WAIT_MS = 60_000

/** The steps of one create of a temporary model, as `seeCreateThrough` runs them. */
export interface CreateSteps {
  /** Sends `/api/create`; `signal` aborts the request itself. */
  send(signal: AbortSignal): Promise<void>
  /** Checks the model Ollama reported created (`verifyCreated`), with the callers' signal. */
  verify(): Promise<void>
  /** Aborted once every reply waiting for this create has stopped waiting (`FlightControl.signal`). */
  wanted: AbortSignal
  /** How long a create nobody waits for any more is still awaited (`ABANDONED_CREATE_WAIT_MS`). */
  abandonedWaitMs: number
  /** Deletes the model unless something else needs it; never throws. */
  removeUnneeded(): Promise<void>
}

/**
 * Runs a create to its end even when every reply that wanted it was stopped, then removes what it made.
 *
 * Why not simply abort the request: the client sends `stream: false`, and Ollama then finishes a create whatever
 * its client does — `server/create.go` `CreateHandler` runs it in a goroutine, and `server/routes.go`
 * `waitForStream` drains that goroutine's channel without looking at the request's context. Aborting would only
 * hide when the model appears, and a delete sent before Ollama writes the manifest finds nothing, so the model
 * would stay until the next start. So the create is awaited (for an Ollama that never answers, at most
 * `abandonedWaitMs`), and only then removed. Resolves when the create succeeded and someone still wants it;
 * rejects with `CancelledError` when nobody does, or with the create's own error.
 */
export async function seeCreateThrough(steps: CreateSteps): Promise<void> {
  const request = new AbortController()
  let giveUp: ReturnType<typeof setTimeout> | undefined
  const onAbandoned = () => {
    giveUp = setTimeout(() => request.abort(steps.wanted.reason), steps.abandonedWaitMs)
    giveUp.unref?.()
  }
  if (steps.wanted.aborted) onAbandoned()
  else steps.wanted.addEventListener('abort', onAbandoned, { once: true })
  try {
    await steps.send(request.signal)
  } catch (error) {
    // Abandoned: failed or given up, Ollama may still have made (or kept) the model, so the removal below decides.
    if (!steps.wanted.aborted) throw error
  } finally {
    steps.wanted.removeEventListener('abort', onAbandoned)
    if (giveUp !== undefined) clearTimeout(giveUp)
  }
  if (!steps.wanted.aborted) {
    try {
      await steps.verify()
    } catch (error) {
      if (!steps.wanted.aborted) throw error
    }
    if (!steps.wanted.aborted) return
  }
  await steps.removeUnneeded()
  throw new CancelledError(steps.wanted.reason)
}

/**
 * Deletes a temporary model made by a create every reply stopped waiting for, unless `stillNeeded` says otherwise.
 * Runs as a deleting pass (`exclusive`), so no chat is handed the model meanwhile. Never throws: what it could not
 * delete, the next clean-up does.
 */
export async function removeUnneeded(input: {
  path: string
  log: Logger
  exclusive(work: () => Promise<void>): Promise<void>
  client: Pick<OllamaClient, 'delete'>
  stillNeeded(): Promise<boolean>
  /** Forgets the model's record once it is deleted. */
  forget(): void
}): Promise<void> {
  const { path, log } = input
  try {
    await input.exclusive(async () => {
      if (await input.stillNeeded()) {
        log.info('kept the temporary model a stopped reply was preparing: something else needs it', { path })
        return
      }
      await input.client.delete(path)
      input.forget()
      log.info('removed the temporary model a stopped reply was preparing', { path })
    })
  } catch (error) {
    log.warn('could not remove the temporary model a stopped reply was preparing; the next clean-up will', {
      path,
      error: messageOf(error),
    })
  }
}
