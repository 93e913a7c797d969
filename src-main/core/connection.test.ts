// One host's connection: where its host came from, and that its background clean-up stops when it is replaced.
import { afterEach, describe, expect, it } from 'vitest'
import { startOllamaSim, type OllamaSim } from '../../tools/ollama-sim/index'
import { openConnection, type OllamaConnection } from './connection'
import { createMemoryLogger } from './log'
import { createMemoryTempModelRegistry } from './models/temp-model-registry'

describe('openConnection', () => {
  let sim: OllamaSim | undefined
  let connection: OllamaConnection | undefined
  afterEach(async () => {
    connection?.dispose()
    await connection?.client.close()
    await sim?.close()
  })

  const open = (hostSetting: string | null, env: Record<string, string | undefined>) => {
    const log = createMemoryLogger()
    connection = openConnection({
      hostSetting,
      env,
      registry: createMemoryTempModelRegistry(),
      numCtxLookup: () => () => null,
      tempModelLimit: () => 8,
      log,
    })
    return { connection, log }
  }

  it('logs why an unusable host setting was passed over, and uses the next source', () => {
    const { connection, log } = open('ftp://nope', { OLLAMA_HOST: 'envhost:1234' })
    expect(connection.host).toBe('http://envhost:1234')
    expect(log.lines).toEqual([
      {
        level: 'warn',
        message: 'The Ollama address in the settings ("ftp://nope") is not usable.',
        fields: { host: 'http://envhost:1234', source: 'env' },
      },
    ])
  })

  it('logs nothing about the host when the setting is usable', () => {
    const { connection, log } = open('localhost:5000', { OLLAMA_HOST: 'ftp://ignored' })
    expect(connection.host).toBe('http://localhost:5000')
    expect(log.lines).toEqual([])
  })

  it('ends its clean-up when disposed, even while it waits for Ollama to come up', async () => {
    sim = await startOllamaSim({ models: ['llama3', 'ollmchat-temp/llama3-oc2048'] })
    await sim.faults.down()
    const { connection, log } = open(sim.url, {})
    const cleanup = connection.startCleanup()
    for (let i = 0; i < 400 && !log.lines.some((line) => line.message.includes('clean-up will run once it is')); i++) {
      await new Promise((resolve) => setTimeout(resolve, 5))
    }
    connection.dispose()
    expect(await cleanup).toEqual({ deleted: [], kept: [], failed: [], freedBytes: 0 })
    await sim.faults.up()
    expect(sim.hasModel('ollmchat-temp/llama3-oc2048')).toBe(true)
  })
})
