// Run by kill-loop.test.ts in a child process (node --import tsx, so SIGKILL reaches the process that holds the
// database): the real app core on a data folder against an Ollama at the given address. It takes requests as JSON lines
// on stdin ({ id, channel, input }), answers each on stdout ({ id, result }) and reports the reply's progress as it
// streams ({ event, ... }), so the test can kill it at a chosen point of a reply.
import { createInterface } from 'node:readline'
import type { Channel } from '../../../../src-shared/ipc/contract'
import { createChildCore } from './child-core'

const [dataDir, ollamaHost] = process.argv.slice(2)
if (dataDir === undefined || ollamaHost === undefined)
  throw new Error('usage: kill-loop-core <data folder> <Ollama address>')

const write = (line: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(line)}\n`)

// Checkpoints often, so a kill lands between many saved states of the reply rather than before the first.
const core = createChildCore(dataDir, ollamaHost, {
  deltaIntervalMs: 5,
  checkpointIntervalMs: 15,
  statusWhileDownMs: 50,
  statusWhileUpMs: 60_000,
})
let streamed = 0
core.events.onAny((name, payload) => {
  if (name === 'chat:started') write({ event: name })
  if (name === 'chat:delta') {
    streamed += (payload as { content: string }).content.length
    write({ event: name, streamed })
  }
})
core.start()
write({ event: 'ready' })

for await (const line of createInterface({ input: process.stdin })) {
  const { id, channel, input } = JSON.parse(line) as { id: number; channel: Channel; input: unknown }
  void core.dispatch(channel, input).then((result) => write({ id, result }))
}
