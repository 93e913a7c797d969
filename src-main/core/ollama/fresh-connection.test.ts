// A delete whose connection closes under it: retried once on a connection of its own, never more.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { startOllamaSim, type OllamaSim } from '../../../tools/ollama-sim/index'
import { OllamaClient } from './client'
import { OllamaUnreachableError } from './errors'
import { isDroppedConnection, retryOnFreshConnection, type FreshConnections } from './fresh-connection'
import type { FetchFn } from './http'
import { recordFault } from '../../test-support/reliability-checks'

let sim: OllamaSim
let client: OllamaClient
const TEMP = 'ollmchat-temp/llama3-oc4096'

beforeEach(async () => {
  sim = await startOllamaSim({ models: ['llama3'] })
  client = new OllamaClient({ host: sim.url })
  await client.create({ model: TEMP, from: 'llama3', parameters: { num_ctx: 4096 } })
  // A pooled keep-alive connection now exists; the dropped delete goes out on it.
  await client.listAll()
  sim.clearRequests()
})

afterEach(async () => {
  await client.close()
  await sim.close()
})

describe('delete on a dropped connection', () => {
  it('is sent once more and succeeds when the connection closed before Ollama answered', async () => {
    recordFault('dropped-connection')
    sim.faults.dropConnectionNext('/api/delete')
    expect(await client.delete(TEMP)).toBe(true)
    expect(sim.hasModel(TEMP)).toBe(false)
    expect(sim.requestsTo('/api/delete')).toHaveLength(2)
  })

  it('fails as unreachable after the second drop, without trying a third time', async () => {
    recordFault('dropped-connection', 2)
    sim.faults.dropConnectionNext('/api/delete', 2)
    const error = await client.delete(TEMP).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(OllamaUnreachableError)
    expect(isDroppedConnection(error)).toBe(true)
    expect(sim.requestsTo('/api/delete')).toHaveLength(2)
    expect(sim.hasModel(TEMP)).toBe(true)
  })

  it('does not retry when Ollama answered (a 500 is not a dropped connection)', async () => {
    recordFault('http-error')
    sim.faults.failNext('/api/delete', 500, 'disk full')
    await expect(client.delete(TEMP)).rejects.toThrow()
    expect(sim.requestsTo('/api/delete')).toHaveLength(1)
  })

  it('is ended by close({ graceMs }) when the retry stalls on its own connection', async () => {
    recordFault('dropped-connection')
    // No timeout of its own within the test: only close() can end the stalled retry.
    const patient = new OllamaClient({ host: sim.url, requestTimeoutMs: 600_000 })
    await patient.listAll()
    sim.faults.dropConnectionNext('/api/delete')
    sim.faults.stallNext('/api/delete')
    const deleting = patient.delete(TEMP).catch((e: unknown) => e)
    await vi.waitFor(() => expect(sim.requestsTo('/api/delete')).toHaveLength(2))
    await patient.close({ graceMs: 10 })
    const error = await deleting
    expect(error).toBeInstanceOf(OllamaUnreachableError)
    expect(isDroppedConnection(error)).toBe(false)
  })
})

describe('retryOnFreshConnection', () => {
  const dropped = () => new OllamaUnreachableError('http://127.0.0.1:1', 'UND_ERR_SOCKET')
  const ownFetch: FetchFn = () => Promise.reject(new Error('not sent in these tests'))
  /** Pools that count the connections they open; `open` false stands for a client that is closing. */
  const pools = (open = true) => {
    const opened: FetchFn[] = []
    const fresh: FreshConnections = {
      open,
      viaFreshPool: (send) => {
        opened.push(ownFetch)
        return send(ownFetch)
      },
    }
    return { fresh, opened }
  }

  it('sends the retry through a fetch of its own, not the pooled one', async () => {
    const fetches: (FetchFn | undefined)[] = []
    const { fresh, opened } = pools()
    const result = await retryOnFreshConnection(async (fetch) => {
      fetches.push(fetch)
      if (fetches.length === 1) throw dropped()
      return 'ok'
    }, fresh)
    expect(result).toBe('ok')
    expect(fetches).toEqual([undefined, ownFetch])
    expect(opened).toHaveLength(1)
  })

  it('opens no new connection once the client is closing: the first failure stands', async () => {
    const { fresh, opened } = pools(false)
    const failure = dropped()
    await expect(retryOnFreshConnection(() => Promise.reject(failure), fresh)).rejects.toBe(failure)
    expect(opened).toHaveLength(0)
  })

  it('leaves refused connections, other failures and clients without a pool alone', async () => {
    let calls = 0
    const refused = () => {
      calls++
      return Promise.reject(new OllamaUnreachableError('http://127.0.0.1:1', 'ECONNREFUSED'))
    }
    await expect(retryOnFreshConnection(refused, pools().fresh)).rejects.toThrow(OllamaUnreachableError)
    const droppedWithoutPool = () => {
      calls++
      return Promise.reject(dropped())
    }
    await expect(retryOnFreshConnection(droppedWithoutPool, null)).rejects.toThrow(OllamaUnreachableError)
    expect(calls).toBe(2)
  })
})
