// Pulling models through the core against the simulator (real sockets): progress, several at once, cancel and
// resume, and every failure in words.
import { afterEach, describe, expect, it } from 'vitest'
import { startCoreHarness, unwrap, type CoreHarness } from '../../test-support/core-harness'

describe('pulling models', () => {
  let h: CoreHarness
  afterEach(() => h.close())

  it('streams progress for every window, ends the pull in every window, and lists the model at once', async () => {
    h = await startCoreHarness({ sim: { models: ['llama3'], pullBytesPerSecond: 4e9 } })
    unwrap(await h.core.dispatch('models:list', {}))
    const outcome = unwrap(await h.core.dispatch('models:pull', { requestId: 'p1', model: 'llama3.2:1b' }))
    expect(outcome).toEqual({ model: 'llama3.2:1b', cancelled: false })
    const progress = h.eventsNamed('models:pullProgress').filter((p) => p.requestId === 'p1')
    // Every line and the end name the Ollama the pull ran on: another host may pull the same model meanwhile.
    expect(progress[0]).toMatchObject({
      model: 'llama3.2:1b',
      host: h.sim.url,
      status: 'pulling manifest',
      digest: null,
    })
    expect(progress.every((p) => p.host === h.sim.url)).toBe(true)
    expect(progress.some((p) => p.digest !== null && p.total !== null && p.completed !== null)).toBe(true)
    expect(progress.at(-1)?.status).toBe('success')
    expect(h.eventsNamed('models:pullEnded')).toEqual([
      { requestId: 'p1', model: 'llama3.2:1b', host: h.sim.url, outcome: 'complete', error: null },
    ])
    await h.waitFor(() => h.eventsNamed('models:changed').some((e) => e.models.some((m) => m.name === 'llama3.2:1b')))
    expect(unwrap(await h.core.dispatch('models:activePulls', {}))).toEqual({ pulls: [] })
  })

  it('runs several pulls at once, lists them while they run, refuses the same model twice', async () => {
    h = await startCoreHarness({ sim: { models: [], pullBytesPerSecond: 1e9 } })
    const first = h.core.dispatch('models:pull', { requestId: 'a', model: 'llama3.2:1b' })
    const second = h.core.dispatch('models:pull', { requestId: 'b', model: 'llama3.2:3b' })
    await h.waitFor(() => new Set(h.eventsNamed('models:pullProgress').map((p) => p.requestId)).size === 2)
    const listed = unwrap(await h.core.dispatch('models:activePulls', {})).pulls.map((p) => p.requestId)
    expect([...new Set(listed)].sort()).toEqual(['a', 'b'])
    expect(await h.core.dispatch('models:pull', { requestId: 'c', model: 'Llama3.2:1B' })).toMatchObject({
      ok: false,
      error: { code: 'BUSY', message: 'llama3.2:1b is already being pulled.' },
    })
    expect(unwrap(await first).cancelled).toBe(false)
    expect(unwrap(await second).cancelled).toBe(false)
    expect(h.sim.listModelNames().sort()).toEqual(['llama3.2:1b', 'llama3.2:3b'])
  })

  it('stops a pull on cancel, and the next pull resumes from the bytes Ollama kept', async () => {
    h = await startCoreHarness({ sim: { models: [], pullBytesPerSecond: 400e6 } })
    const pending = h.core.dispatch('models:pull', { requestId: 'slow', model: 'llama3.2:3b' })
    await h.waitFor(() => h.eventsNamed('models:pullProgress').some((p) => (p.completed ?? 0) > 50e6))
    expect(unwrap(await h.core.dispatch('models:cancelPull', { requestId: 'slow' }))).toEqual({ cancelled: true })
    expect(unwrap(await pending)).toEqual({ model: 'llama3.2:3b', cancelled: true })
    expect(h.eventsNamed('models:pullEnded').at(-1)).toMatchObject({ requestId: 'slow', outcome: 'cancelled' })
    expect(h.sim.hasModel('llama3.2:3b')).toBe(false)
    expect(unwrap(await h.core.dispatch('models:cancelPull', { requestId: 'slow' }))).toEqual({ cancelled: false })

    h.sim.configure({ pullBytesPerSecond: 4e9, registryLatencyMs: 20 })
    const before = h.eventsNamed('models:pullProgress').length
    unwrap(await h.core.dispatch('models:pull', { requestId: 'again', model: 'llama3.2:3b' }))
    const firstLayerLine = h
      .eventsNamed('models:pullProgress')
      .slice(before)
      .find((p) => p.digest !== null && p.completed !== null)
    expect(firstLayerLine?.completed).toBeGreaterThan(50e6)
    expect(h.sim.hasModel('llama3.2:3b')).toBe(true)
  })

  it('tells a window opened mid-pull the last line sent about every layer, and the status now', async () => {
    // The registry's latency keeps each small layer running long enough to ask in the middle of it.
    h = await startCoreHarness({ sim: { models: [], pullBytesPerSecond: 4e9, registryLatencyMs: 150 } })
    const pending = h.core.dispatch('models:pull', { requestId: 'p', model: 'llama3.2:1b' })
    const layerLines = () => h.eventsNamed('models:pullProgress').filter((p) => p.digest !== null)
    await h.waitFor(() => new Set(layerLines().map((p) => p.digest)).size >= 2)
    const sent = layerLines()
    const { pulls } = unwrap(await h.core.dispatch('models:activePulls', {}))
    const weights = sent[0]?.digest
    // The weights are done: what a reloaded window gets about them is exactly the last line the others got.
    expect(pulls.find((p) => p.digest === weights)).toEqual(sent.filter((p) => p.digest === weights).at(-1))
    // One line per layer seen (every layer the others saw), then the latest: the same sum of bytes as theirs.
    expect(pulls.map((p) => p.digest)).toEqual(expect.arrayContaining([...new Set(sent.map((p) => p.digest))]))
    expect(new Set(pulls.map((p) => p.digest)).size).toBe(pulls.length)
    unwrap(await pending)
  })

  it('fails a pull whose connection drops mid-stream (Ollama stopped), never completes it, and resumes later', async () => {
    h = await startCoreHarness({ sim: { models: [], pullBytesPerSecond: 400e6 } })
    const pending = h.core.dispatch('models:pull', { requestId: 'cut', model: 'llama3.2:3b' })
    await h.waitFor(() => h.eventsNamed('models:pullProgress').some((p) => (p.completed ?? 0) > 50e6))
    // `down` closes every open connection, as a server that dies mid-response does.
    await h.sim.faults.down()
    expect(await pending).toMatchObject({
      ok: false,
      error: {
        code: 'STREAM_INTERRUPTED',
        message: expect.stringMatching(/before the pull of llama3\.2:3b finished/) as unknown,
      },
    })
    expect(h.eventsNamed('models:pullEnded')).toMatchObject([
      { requestId: 'cut', outcome: 'failed', error: { code: 'STREAM_INTERRUPTED' } },
    ])
    expect(h.eventsNamed('models:pullProgress').some((p) => p.status === 'success')).toBe(false)
    expect(h.sim.hasModel('llama3.2:3b')).toBe(false)

    await h.sim.faults.up()
    h.sim.configure({ pullBytesPerSecond: 4e9, registryLatencyMs: 20 })
    const before = h.eventsNamed('models:pullProgress').length
    expect(unwrap(await h.core.dispatch('models:pull', { requestId: 'again', model: 'llama3.2:3b' })).cancelled).toBe(
      false,
    )
    const firstLayerLine = h
      .eventsNamed('models:pullProgress')
      .slice(before)
      .find((p) => p.digest !== null && p.completed !== null)
    expect(firstLayerLine?.completed).toBeGreaterThan(50e6)
    expect(h.sim.hasModel('llama3.2:3b')).toBe(true)
  })

  it.each([
    [
      'an invalid name, before anything is sent',
      'bad name!',
      {},
      'INVALID_INPUT',
      /^"bad name!" is not a model name Ollama accepts/,
    ],
    [
      'an unknown model',
      'no-such-model:7b',
      {},
      'MODEL_NOT_FOUND',
      /^The Ollama library has no model "no-such-model:7b"\. Check the name/,
    ],
    [
      'no network',
      'llama3.2:1b',
      { registryStatus: 'offline' as const },
      'OLLAMA_ERROR',
      /^Ollama could not reach the model library \(registry\.ollama\.ai\) to pull llama3\.2:1b\./,
    ],
    [
      'a full disk',
      'llama3.2:1b',
      { diskFreeBytes: 100e6 },
      'OLLAMA_ERROR',
      /^There is not enough free disk space for llama3\.2:1b on the computer Ollama runs on\.$/,
    ],
  ])('says it in words: %s', async (_what, model, conditions, code, message) => {
    h = await startCoreHarness({ sim: { models: [], ...conditions } })
    const result = await h.core.dispatch('models:pull', { requestId: 'x', model })
    expect(result).toMatchObject({ ok: false, error: { code, message: expect.stringMatching(message) as unknown } })
    if (code === 'INVALID_INPUT') expect(h.sim.requestsTo('/api/pull')).toEqual([])
    else
      expect(h.eventsNamed('models:pullEnded')).toMatchObject([{ requestId: 'x', outcome: 'failed', error: { code } }])
  })
})
