// Run by crash-order.test.ts in a child process (node --import tsx): a core on the data folder argv[2], talking to
// the Ollama at OLLAMA_HOST, answers one message normally, then sends a second and kills itself with SIGKILL the
// moment that request has been written to Ollama's socket: a crash right after the request left.
import { subscribe } from 'node:diagnostics_channel'
import { createChildCore } from '../../history/test-fixtures/child-core'

const dataDir = process.argv[2]
const typed = process.argv[3]
if (dataDir === undefined || typed === undefined) throw new Error('usage: crash-after-request <data folder> <message>')

const core = createChildCore(dataDir, process.env.OLLAMA_HOST)
const created = await core.dispatch('conversations:create', { model: 'llama3:latest' })
if (!created.ok) throw new Error(created.error.message)
const conversationId = created.value.id
// The first turn opens the keep-alive connection, so the second is a warm turn like any after it.
const first = await core.dispatch('chat:send', { requestId: 'first', conversationId, text: 'a first question' })
if (!first.ok) throw new Error(first.error.message)

// undici publishes this right after the last byte of a request went to the socket (`core/request.js` onRequestSent).
subscribe('undici:request:bodySent', (message) => {
  const { path } = (message as { request: { path: string } }).request
  if (path === '/api/chat') process.kill(process.pid, 'SIGKILL')
})
process.stdout.write(`conversation ${conversationId}\n`)
await core.dispatch('chat:send', { requestId: 'second', conversationId, text: typed })
process.stdout.write('the reply finished: the process was not killed\n')
