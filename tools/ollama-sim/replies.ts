import { createHash } from 'node:crypto'
import type { SimChatRequest } from './types'

function pick<T>(items: readonly T[], seed: number): T {
  const item = items[seed % items.length]
  if (item === undefined) throw new Error('pick from an empty list')
  return item
}

function seedOf(text: string): number {
  return createHash('sha256').update(text).digest().readUInt32BE(0)
}

function topicOf(prompt: string): string {
  const words = prompt
    .replace(/[^\p{L}\p{N}\s'-]/gu, ' ')
    .split(/\s+/)
    .filter((w) => w.length > 0)
    .slice(0, 6)
  return words.length > 0 ? words.join(' ').toLowerCase() : 'your message'
}

const OPENERS = [
  (t: string) => `Sure! Here is a short answer about **${t}**.`,
  (t: string) => `Good question. Let me walk you through **${t}**.`,
  (t: string) => `Happy to help with **${t}**.`,
]
const BODIES = [
  'The key idea is to start small, check each step, and only then add detail. That keeps things easy to follow and easy to change later.',
  'In short: break the problem into parts, handle the simplest case first, and build up from there. Most of the work is in getting the basics right.',
  'A useful way to think about it is as a series of small, testable steps. Each one should do a single thing well.',
]
const CLOSERS = ["Let me know if you'd like more detail!", 'Want me to expand on any part of this?', 'Hope that helps!']

function codeBlock(prompt: string): string {
  if (/typescript|\bts\b/i.test(prompt)) {
    return '```typescript\nexport function greet(name: string): string {\n  return `Hello, ${name}!`\n}\n```'
  }
  if (/javascript|\bjs\b|node/i.test(prompt)) {
    return '```javascript\nfunction greet(name) {\n  return `Hello, ${name}!`\n}\n```'
  }
  if (/bash|shell|script/i.test(prompt)) return '```bash\nfor f in *.txt; do\n  echo "$f"\ndone\n```'
  return '```python\ndef greet(name: str) -> str:\n    return f"Hello, {name}!"\n\nprint(greet("world"))\n```'
}

const TABLE =
  '| Option | What it does | Default |\n| --- | --- | --- |\n| `num_ctx` | Context window in tokens | 4096 |\n| `temperature` | Randomness of sampling | 0.8 |\n| `top_p` | Nucleus sampling cut-off | 0.9 |'
// Display math needs its `$$` fences on lines of their own, as models write it (remark-math reads `$$x$$` inline).
const MATH =
  'For a right triangle, $a^2 + b^2 = c^2$. And a classic integral:\n\n$$\n\\int_0^1 x^2 \\, dx = \\frac{1}{3}\n$$'

/** The last user message's text, or '' when there is none. */
export function lastUserText(request: SimChatRequest): string {
  for (let i = request.messages.length - 1; i >= 0; i--) {
    const message = request.messages[i]
    if (message?.role === 'user') return message.content
  }
  return ''
}

/**
 * A friendly, short, deterministic Markdown reply to the last user message: a paragraph, plus a fenced code
 * block when it mentions code, a GFM table when it mentions a table, and `$…$`/`$$…$$` math when it mentions
 * math. A request for a title gets a short plain title.
 */
export function defaultReply(request: SimChatRequest): string {
  const prompt = lastUserText(request)
  const topic = topicOf(prompt)
  const seed = seedOf(prompt)
  if (/\btitle\b/i.test(prompt)) {
    const words = topic
      .split(' ')
      .filter((w) => w !== 'title')
      .slice(0, 4)
    return words.length > 0 ? words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(' ') : 'New Chat'
  }
  const parts = [pick(OPENERS, seed)(topic), pick(BODIES, seed >>> 3)]
  if (/code|function|program|snippet|implement|script|python|javascript|typescript/i.test(prompt))
    parts.push(codeBlock(prompt))
  if (/table/i.test(prompt)) parts.push(TABLE)
  if (/math|equation|formula|integral|latex|theorem/i.test(prompt)) parts.push(MATH)
  parts.push(pick(CLOSERS, seed >>> 7))
  return parts.join('\n\n')
}

/** What a thinking model "thinks" before answering. */
export function defaultThinking(request: SimChatRequest): string {
  const topic = topicOf(lastUserText(request))
  return `Okay, the user is asking about ${topic}. I should give a short, friendly answer with a clear structure.`
}
