// Runs one install step as a child process with a deadline, keeping its output instead of printing it, so the
// caller can say one clear line about the outcome and keep the details in a log file.
import { spawn } from 'node:child_process'

const OUTPUT_LIMIT = 64 * 1024

/** Runs `command args` in `cwd` with `env`; never rejects. Kills the whole process tree after `timeoutMs`. */
export function runStep(command, args, { cwd, env, timeoutMs }) {
  return new Promise((resolve) => {
    let output = ''
    let timedOut = false
    const keep = (chunk) => {
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
    child.stdout.on('data', keep)
    child.stderr.on('data', keep)
    const timer = setTimeout(() => {
      timedOut = true
      try {
        if (detached) process.kill(-child.pid, 'SIGKILL')
        else child.kill('SIGKILL')
      } catch {
        child.kill('SIGKILL')
      }
    }, timeoutMs)
    child.on('error', (error) => {
      clearTimeout(timer)
      resolve({ ok: false, code: null, timedOut, output: `${output}\n${String(error)}` })
    })
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ ok: code === 0 && !timedOut, code, timedOut, output })
    })
  })
}
