import { spawn } from 'node:child_process'

/**
 * The packages the browser mode's core loads from node_modules (what src-main/core, src-main/browser and
 * src-shared import; electron-store is the desktop app's only). Importing them is work the core cannot avoid
 * however it is launched, so it counts as the core's own.
 */
export const CORE_DEPENDENCIES = ['better-sqlite3', 'conf', 'ollama/browser', 'undici', 'zod'] as const

/**
 * Milliseconds a fresh plain `node` (no tsx, no loader hooks) takes to import `CORE_DEPENDENCIES` one after the
 * other, timed inside that process from before the first import to after the last.
 */
export async function timeDependencyImport(cwd: string): Promise<number> {
  const script = `const started = performance.now(); for (const name of ${JSON.stringify(CORE_DEPENDENCIES)}) await import(name); console.log(performance.now() - started)`
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
    cwd,
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  let stdout = ''
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve))
  const ms = Number(stdout.trim())
  if (code !== 0 || !Number.isFinite(ms))
    throw new Error(`importing ${CORE_DEPENDENCIES.join(', ')} failed (exit ${code}): ${stdout}`)
  return ms
}
