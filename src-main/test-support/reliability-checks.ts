import { recordReliability } from './reliability-record'

// The rows of docs/reliability.md that tests in several files add up to. The wording of each lives here once, so
// the same fault checked in two files lands on the same row instead of two rows that almost say the same.

/** The faults from Ollama (or the network in front of it) the core is tested against. */
const FAULT_CHECKS = {
  'http-error': 'Ollama answers with an HTTP error (5xx): the error keeps Ollama’s own text, nothing is retried',
  'error-line': 'an error line in the middle of a stream: the tokens before it are kept',
  'dropped-stream': 'the connection drops in the middle of a stream: the tokens before it are kept',
  'dropped-connection':
    'the connection drops before Ollama answers: a delete is sent once more, then fails as unreachable',
  malformed: 'malformed answers: a garbage body, an unparseable line, JSON of the wrong shape',
  'huge-line': 'a streamed line of 64 MB with no newline: refused at 16 MB without reading the rest',
  stall: 'Ollama accepts a call and never answers: timed out, cancellable, and closing does not hang',
  'hung-reply': 'a reply that receives nothing for the idle time: "Still waiting", then ended with a clear error',
  'stopped-preparation':
    'a reply stopped while a slow create prepares its temporary model: the model is removed, unless another conversation needs it',
  unreachable: 'Ollama is down or on a port fetch refuses: unreachable with the host named, and recovers',
} as const

/** The requests the browser mode's server refuses before anything reaches the core. */
const REFUSAL_CHECKS = {
  session: 'no session cookie, a wrong token or a broken cookie: refused (403)',
  host: 'a Host other than 127.0.0.1 and its port (DNS rebinding): refused (403)',
  origin: 'an Origin other than the page’s own: refused (403)',
  'custom-header': 'an RPC call without the x-ollmchat header (a plain cross-site form): refused (403)',
  'bad-rpc': 'an unknown channel or a body that is not JSON: a typed error, nothing dispatched',
  traversal: 'a path climbing out of the renderer folder: 404, nothing outside served',
  'malformed-url': 'a malformed request URL: 400, never 500',
  'body-limit': 'a body over the limit (declared or chunked): 413, the rest is not read',
} as const

export type FaultKind = keyof typeof FAULT_CHECKS
export type RefusalKind = keyof typeof REFUSAL_CHECKS

/** Declares that the running test checks `cases` injections of one fault kind; call it at the start of the test. */
export function recordFault(kind: FaultKind, cases = 1): void {
  recordReliability({ topic: 'Faults from Ollama', check: FAULT_CHECKS[kind], cases })
}

/** Declares that the running test checks `cases` refused requests of one kind; call it at the start of the test. */
export function recordRefusal(kind: RefusalKind, cases = 1): void {
  recordReliability({ topic: 'Browser-mode requests', check: REFUSAL_CHECKS[kind], cases })
}
