// Run by crash.test.ts in a child process (node --import tsx): streams a reply into the history file,
// one checkpoint after another, until the test kills it with SIGKILL.
import { openHistoryStore } from '../history-store'
import { storyAfter } from './story'

const file = process.argv[2]
if (file === undefined) throw new Error('usage: crash-writer <history file>')

const store = openHistoryStore({ file })
const conversation = store.createConversation({ model: 'llama3:latest', title: 'Crash test' })
store.appendMessage({
  conversationId: conversation.id,
  role: 'user',
  content: 'Tell me a long story.',
  status: 'complete',
})
const reply = store.appendMessage({
  conversationId: conversation.id,
  role: 'assistant',
  content: '',
  status: 'streaming',
})
process.stdout.write(`reply ${reply.id}\n`)

let checkpoints = 0
// setImmediate keeps the loop tight yet lets stdout drain; each line is written after its checkpoint returned.
const step = () => {
  checkpoints += 1
  store.updateMessage(reply.id, { content: storyAfter(checkpoints) })
  process.stdout.write(`checkpoint ${checkpoints}\n`)
  setImmediate(step)
}
step()
