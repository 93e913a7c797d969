import { messageOf } from './guards'
import type { Logger } from './log'
import type { OllamaClient } from './ollama/client'

/** What the switch needs of a connection: stopping its background work, and closing its client when it is idle. */
export interface SwitchableConnection {
  readonly host: string
  readonly client: Pick<OllamaClient, 'whenIdle' | 'close'>
  /** Stops the connection's background work; its client stays open. */
  dispose(): void
}

/** The connection to the active Ollama host, and the ones a host change replaced until their calls have ended. */
export interface ConnectionSwitch<C extends SwitchableConnection> {
  current(): C
  /**
   * Makes `next` the current connection. The one it replaces stops its background work now; its client closes once
   * no call and no hold is in flight on it (at once when nothing is), so a reply that began there finishes there.
   */
  replace(next: C): void
  /**
   * Closes the current connection and every replaced one still open; calls in flight get `graceMs`, then their
   * connections are destroyed (a stalled Ollama cannot hold up quitting).
   */
  closeAll(graceMs: number): Promise<void>
}

export function createConnectionSwitch<C extends SwitchableConnection>(first: C, log: Logger): ConnectionSwitch<C> {
  let current = first
  /** Replaced connections whose clients have not closed yet; each leaves once it has. */
  const retiring = new Set<C>()

  const retire = (old: C) => {
    old.dispose()
    retiring.add(old)
    // `close()` without a grace period lets undici finish what it has; nothing is in flight by then anyway. If
    // `closeAll` came first, `close()` returns its (bounded) closing instead.
    old.client
      .whenIdle()
      .then(() => old.client.close())
      .catch((error: unknown) =>
        log.warn('could not close the connection to the previous Ollama host', {
          host: old.host,
          error: messageOf(error),
        }),
      )
      .finally(() => retiring.delete(old))
  }

  return {
    current: () => current,
    replace(next) {
      if (next === current) return
      const old = current
      current = next
      retire(old)
    },
    async closeAll(graceMs) {
      const all = [...retiring, current]
      for (const each of all) each.dispose()
      await Promise.all(all.map((each) => each.client.close({ graceMs })))
    },
  }
}
