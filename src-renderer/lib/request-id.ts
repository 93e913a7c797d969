/**
 * A fresh id for one chat request (`chat:send` and friends), unique within the app's life. Every page that
 * runs the renderer is a secure context (Electron's `file:`, browser mode on 127.0.0.1, the dev server on
 * localhost), where `crypto.randomUUID` always exists; jsdom has it too.
 */
export function newRequestId(): string {
  return crypto.randomUUID()
}
