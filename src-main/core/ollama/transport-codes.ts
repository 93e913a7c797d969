/**
 * What the transport's failure codes (Node's `E…`, undici's `UND_ERR_…`) mean, in words for the screen. The code
 * stays in `reason` of `OllamaUnreachableError` and `StreamInterruptedError` (and so in the log) for whoever debugs; their
 * `detail`, which the window shows, is the sentence.
 */
const TRANSPORT_CODE_TEXT: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'Nothing accepted the connection at that address.',
  ENOTFOUND: 'That host name could not be found.',
  EAI_AGAIN: 'That host name could not be looked up just now.',
  ECONNRESET: 'The connection was closed by the other side.',
  UND_ERR_SOCKET: 'The connection was closed by the other side.',
  EPIPE: 'The connection was closed by the other side.',
  ECONNABORTED: 'The connection was given up.',
  EHOSTUNREACH: 'The network cannot reach that host.',
  ENETUNREACH: 'The network cannot reach that host.',
  ETIMEDOUT: 'Connecting took too long.',
  UND_ERR_CONNECT_TIMEOUT: 'Connecting took too long.',
  UND_ERR_HEADERS_TIMEOUT: 'Ollama took too long to start answering.',
  UND_ERR_BODY_TIMEOUT: 'Ollama stopped sending in the middle of its answer.',
  UND_ERR_CLOSED: 'ollmchat closed the connection.',
}
const TRANSPORT_CODE = /^(?:E[A-Z_]{2,}|UND_ERR(?:_[A-Z]+)+)$/

/** Words for a transport failure code (`UND_ERR_SOCKET`), or `null` when `text` is no such code. */
export function transportCodeText(text: string): string | null {
  const code = text.trim()
  if (!TRANSPORT_CODE.test(code)) return null
  return TRANSPORT_CODE_TEXT[code] ?? 'The connection to Ollama failed.'
}
