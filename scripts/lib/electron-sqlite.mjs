// Builds better-sqlite3 a second time, for Electron's ABI, into node_modules/.ollmchat/electron-sqlite, leaving
// the Node build in node_modules/better-sqlite3 (which the tests load) untouched.
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { homedir } from 'node:os'
import { join, relative, sep } from 'node:path'
import { ELECTRON_SQLITE_DIR, electronSqliteBindingPath } from '../../src-main/electron/electron-sqlite-location.mjs'

/** @import { RunStep } from './run-step.mjs' */
/** @typedef {Record<string, string | undefined>} Env */
/**
 * What a finished build records in build-info.json.
 * @typedef {{ electron: string, abi?: string, betterSqlite3: string, method: BuildMethod, builtAt: string }} ElectronSqliteBuildInfo
 */
/** @typedef {'prebuild' | 'node-gyp'} BuildMethod */
/**
 * @typedef {object} ElectronSqliteResult
 * @property {boolean} ok
 * @property {BuildMethod} [method]
 * @property {boolean} [reused]
 * @property {string} output What the build tools printed, for the log file.
 */

const ELECTRON_HEADERS_URL = 'https://electronjs.org/headers'
const PREBUILD_TIMEOUT_MS = 2 * 60_000
const NODE_GYP_TIMEOUT_MS = 15 * 60_000

/**
 * The environment for building against Electron: without the npm `nodedir` setting (the user config on some
 * machines sets it), which would silently compile against Node's headers and give a Node-ABI binary.
 */
export function electronBuildEnv(/** @type {Env} */ env) {
  /** @type {Env} */
  const clean = {}
  for (const [key, value] of Object.entries(env)) {
    if (/^npm_config_(node_gyp_)?nodedir$/i.test(key) || key === 'NODEDIR') continue
    clean[key] = value
  }
  return clean
}

/**
 * Arguments for prebuild-install: download better-sqlite3's prebuilt binary for this Electron.
 * @param {{ electronVersion: string, arch: string, platform: string }} target
 * @returns {string[]}
 */
export function prebuildInstallArgs({ electronVersion, arch, platform }) {
  return ['--runtime=electron', `--target=${electronVersion}`, `--arch=${arch}`, `--platform=${platform}`, '--verbose']
}

/**
 * Arguments for node-gyp: compile against Electron's headers (from electronjs.org, cached in ~/.electron-gyp).
 * @param {{ electronVersion: string, arch: string }} target
 * @returns {string[]}
 */
export function nodeGypArgs({ electronVersion, arch }) {
  return [
    'rebuild',
    '--release',
    `--target=${electronVersion}`,
    `--arch=${arch}`,
    `--dist-url=${ELECTRON_HEADERS_URL}`,
    `--devdir=${join(homedir(), '.electron-gyp')}`,
  ]
}

/**
 * True when the addon declares the module ABI `abi` (its `node_register_module_v<abi>` symbol): the check that
 * catches a binary labelled for Electron but compiled against Node's headers.
 * @param {Buffer} buffer
 * @param {string | number | undefined} abi
 * @returns {boolean}
 */
export function hasNodeAbiMarker(buffer, abi) {
  return buffer.includes(Buffer.from(`node_register_module_v${abi}\0`, 'latin1'))
}

/**
 * True when a previous build was made for this Electron and this better-sqlite3.
 * @param {ElectronSqliteBuildInfo | undefined} info
 * @param {{ electronVersion: string, sqliteVersion: string }} versions
 * @returns {boolean}
 */
export function isBuildCurrent(info, { electronVersion, sqliteVersion }) {
  return info !== undefined && info.electron === electronVersion && info.betterSqlite3 === sqliteVersion
}

/** @returns {any} what the file holds (callers check the fields they read), or undefined when unreadable. */
const readJson = (/** @type {string} */ path) => {
  try {
    return JSON.parse(readFileSync(path, 'utf8'))
  } catch {
    return undefined
  }
}

/** @param {string} base @param {string} request @returns {string | undefined} */
function resolveFrom(base, request) {
  try {
    return createRequire(join(base, 'package.json')).resolve(request)
  } catch {
    return undefined
  }
}

/** @param {string} source @param {string} destination */
function copyPackage(source, destination) {
  // The Node build (build/) stays behind: the copy is compiled or downloaded afresh.
  cpSync(source, destination, {
    recursive: true,
    filter: (path) => {
      const rel = relative(source, path)
      return rel !== 'build' && !rel.startsWith(`build${sep}`)
    },
  })
}

/**
 * Produces the Electron-ABI better-sqlite3 (prebuilt download first, then node-gyp with Electron's headers) and
 * verifies its ABI. Reuses a current build. Never throws; returns `{ ok, method?, reused?, output }`.
 * @param {object} options
 * @param {string} options.root
 * @param {string} options.electronVersion
 * @param {string | undefined} options.abi Electron's module ABI (its package's `abi_version`); when undefined the ABI is not verified.
 * @param {Env} options.env
 * @param {RunStep} options.run
 * @param {string} [options.arch]
 * @param {string} [options.platform]
 * @returns {Promise<ElectronSqliteResult>}
 */
export async function buildElectronSqlite({
  root,
  electronVersion,
  abi,
  env,
  run,
  arch = process.arch,
  platform = process.platform,
}) {
  const source = join(root, 'node_modules', 'better-sqlite3')
  const target = join(root, ...ELECTRON_SQLITE_DIR)
  const packageDir = join(target, 'better-sqlite3')
  const binding = electronSqliteBindingPath(root)
  const infoPath = join(target, 'build-info.json')
  const sqliteVersion = readJson(join(source, 'package.json'))?.version
  if (!sqliteVersion) return { ok: false, output: 'better-sqlite3 is not installed' }
  if (isBuildCurrent(readJson(infoPath), { electronVersion, sqliteVersion }) && existsSync(binding)) {
    return { ok: true, reused: true, method: readJson(infoPath).method, output: '' }
  }
  const verified = () => existsSync(binding) && (abi === undefined || hasNodeAbiMarker(readFileSync(binding), abi))
  const childEnv = electronBuildEnv(env)
  let output = ''
  try {
    rmSync(target, { recursive: true, force: true })
    mkdirSync(target, { recursive: true })
    copyPackage(source, packageDir)
    /** @type {{ method: BuildMethod, script: string | undefined, args: string[], timeoutMs: number }[]} */
    const attempts = [
      {
        method: 'prebuild',
        script: resolveFrom(source, 'prebuild-install/bin.js'),
        args: prebuildInstallArgs({ electronVersion, arch, platform }),
        timeoutMs: PREBUILD_TIMEOUT_MS,
      },
      {
        method: 'node-gyp',
        script: env.npm_config_node_gyp || resolveFrom(root, 'node-gyp/bin/node-gyp.js'),
        args: nodeGypArgs({ electronVersion, arch }),
        timeoutMs: NODE_GYP_TIMEOUT_MS,
      },
    ]
    for (const attempt of attempts) {
      if (!attempt.script) {
        output += `\n[${attempt.method}] not available`
        continue
      }
      rmSync(join(packageDir, 'build'), { recursive: true, force: true })
      const result = await run(process.execPath, [attempt.script, ...attempt.args], {
        cwd: packageDir,
        env: childEnv,
        timeoutMs: attempt.timeoutMs,
      })
      output += `\n[${attempt.method}] exit ${result.code}${result.timedOut ? ' (timed out)' : ''}\n${result.output}`
      if (!result.ok) continue
      if (!verified()) {
        output += `\n[${attempt.method}] produced no binary for module ABI ${abi}`
        continue
      }
      const info = {
        electron: electronVersion,
        abi,
        betterSqlite3: sqliteVersion,
        method: attempt.method,
        builtAt: new Date().toISOString(),
      }
      writeFileSync(infoPath, `${JSON.stringify(info, null, 2)}\n`)
      return { ok: true, method: attempt.method, output }
    }
  } catch (error) {
    output += `\n${error instanceof Error ? error.stack : String(error)}`
  }
  rmSync(target, { recursive: true, force: true })
  return { ok: false, output }
}
