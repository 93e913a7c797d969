export type PullNameCheck = { ok: true; name: string } | { ok: false; message: string }

/**
 * Refuses only names that are obviously not a model name before anything is sent: empty, with spaces, a pasted
 * `ollama pull …` command, more than one `:` tag, or an empty part. The core checks the name for real (and says
 * why in its own `INVALID_INPUT` message); a host with a port (`localhost:5000/ns/model:tag`) stays allowed,
 * because only the last part of the name carries the tag.
 */
export function checkPullName(text: string): PullNameCheck {
  const name = text.trim()
  if (name === '') return { ok: false, message: 'Type the name of a model, for example llama3.2:3b.' }
  if (/^ollama\s+(pull|run)\s/i.test(name)) {
    return { ok: false, message: 'Type the model’s name only, without “ollama pull”.' }
  }
  if (/\s/.test(name)) return { ok: false, message: 'A model name has no spaces.' }
  const lastPart = name.slice(name.lastIndexOf('/') + 1).split('@')[0] ?? ''
  if ((lastPart.match(/:/g) ?? []).length > 1) {
    return { ok: false, message: 'A model name has at most one “:”, before its tag, as in llama3.2:3b.' }
  }
  if (/^[:/@]|[:/@]$|\/\/|\/:|:\//.test(name) || lastPart.startsWith(':')) {
    return { ok: false, message: 'Part of that name is empty. A name looks like llama3.2:3b or namespace/model:tag.' }
  }
  return { ok: true, name }
}
