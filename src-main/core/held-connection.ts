import type { OllamaClient } from './ollama/client'

/**
 * Runs `work` on `connection`, holding its client until `work` settles: work that makes several calls in a row (a
 * reply's check, create, chat and save; a model's removal) stays on the host it began on, and a host switch meanwhile
 * closes that client only after it (`connection-switch.ts`). Look the connection up once and pass it here; looking
 * it up again inside `work` could find another host's.
 */
export async function whileHolding<C extends { client: Pick<OllamaClient, 'hold'> }, T>(
  connection: C,
  work: (connection: C) => Promise<T>,
): Promise<T> {
  const release = connection.client.hold()
  try {
    return await work(connection)
  } finally {
    release()
  }
}
