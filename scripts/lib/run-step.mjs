// Runs one install step as a child process with a deadline, keeping its output instead of printing it, so the
// caller can say one clear line about the outcome and keep the details in a log file.
import { spawn } from 'node:child_process'

/** @import { ChildProcess } from 'node:child_process' */
/**
 * What a finished step reports. `ok` means exit code 0 within the deadline.
 * @typedef {object} StepResult
 * @property {boolean} ok
 * @property {number | null} code
 * @property {boolean} timedOut
 * @property {string} output The last 64 KiB of stdout and stderr, interleaved.
 */
/** @typedef {{ cwd: string, env: Record<string, string | undefined>, timeoutMs: number }} StepOptions */
/**
 * The signature install flows take, so tests can substitute the child processes.
 * @typedef {typeof runStep} RunStep
 */
/** @typedef {'SIGINT' | 'SIGTERM'} ParentSignal */

const OUTPUT_LIMIT = 64 * 1024
/** @type {ParentSignal[]} */
const PARENT_SIGNALS = ['SIGINT', 'SIGTERM']

/** Steps still running, so they can be stopped when this process ends. */
/** @type {Set<{ child: ChildProcess, detached: boolean }>} */
const running = new Set()

/** @param {ChildProcess} child @param {boolean} detached */
function killTree(child, detached) {
  try {
    if (detached && child.pid !== undefined) process.kill(-child.pid, 'SIGKILL')
    else child.kill('SIGKILL')
  } catch {
    child.kill('SIGKILL')
  }
}

const killAll = () => {
  for (const { child, detached } of running) killTree(child, detached)
}

/**
 * A detached step has its own process group, so Ctrl+C in the terminal never reaches it: when this process is
 * interrupted, terminated or exits, its steps (compilers included) are killed too. After killing them, a signal
 * nobody else listens for ends this process as it would have without our listener.
 * @param {ParentSignal} signal
 */
function onParentSignal(signal) {
  killAll()
  if (process.listenerCount(signal) > 1) return
  removeParentHooks()
  process.kill(process.pid, signal)
}

function addParentHooks() {
  process.on('exit', killAll)
  for (const signal of PARENT_SIGNALS) process.on(signal, onParentSignal)
}

function removeParentHooks() {
  process.off('exit', killAll)
  for (const signal of PARENT_SIGNALS) process.off(signal, onParentSignal)
}

/**
 * Runs `command args` in `cwd` with `env`; never rejects. Kills the whole process tree after `timeoutMs`, and
 * when this process is interrupted (SIGINT, SIGTERM) or exits first.
 * @param {string} command
 * @param {readonly string[]} args
 * @param {StepOptions} options
 * @returns {Promise<StepResult>}
 */
export function runStep(command, args, { cwd, env, timeoutMs }) {
  return new Promise((resolve) => {
    let output = ''
    let timedOut = false
    const keep = (/** @type {Buffer} */ chunk) => {
      output = (output + chunk.toString()).slice(-OUTPUT_LIMIT)
    }
    // Its own process group (POSIX), so a timeout also stops the compilers a build tool started.
    const detached = process.platform !== 'win32'
    let child
    try {
      child = spawn(command, args, { cwd, env, detached, stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true })
    } catch (error) {
      resolve({ ok: false, code: null, timedOut: false, output: String(error) })
      return
    }
    const entry = { child, detached }
    if (running.size === 0) addParentHooks()
    running.add(entry)
    let settled = false
    const settle = (/** @type {StepResult} */ result) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      running.delete(entry)
      if (running.size === 0) removeParentHooks()
      resolve(result)
    }
    child.stdout.on('data', keep)
    child.stderr.on('data', keep)
    const timer = setTimeout(() => {
      timedOut = true
      killTree(child, detached)
    }, timeoutMs)
    child.on('error', (error) => settle({ ok: false, code: null, timedOut, output: `${output}\n${String(error)}` }))
    child.on('close', (code) => settle({ ok: code === 0 && !timedOut, code, timedOut, output }))
  })
}
