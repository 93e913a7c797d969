// `npm run package:dir`: makes the unpacked Linux package (dist/linux-unpacked) with electron-builder `--dir`
// on any machine, using a stand-in Electron distribution (scripts/lib/stand-in-electron.mjs) as electronDist,
// so the real packaging steps run here: file selection, asar and asarUnpack, and the fuse flip. Needs the built
// app (`npm run build`). Writes dist/package-dir.json for scripts/inspect-package.mjs: which better-sqlite3
// build went in and why (scripts/lib/package-sqlite.mjs).
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chooseSqliteBuild, withFileReplaced } from './lib/package-sqlite.mjs'
import { makeStandInElectronDist } from './lib/stand-in-electron.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const electronDir = join(root, 'node_modules', 'electron')
const electronVersion = JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8')).version
const electronAbi = readFileSync(join(electronDir, 'abi_version'), 'utf8').trim()
const main = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).main

if (!existsSync(join(root, main))) {
  console.error(`The app is not built (${main} is missing); run \`npm run build\` first.`)
  process.exit(1)
}
const standIn = join(root, 'dist', '.stand-in-electron')
makeStandInElectronDist({ dir: standIn, electronVersion, licenseFrom: join(electronDir, 'LICENSE') })

const builderArgs = [
  join(root, 'node_modules', 'electron-builder', 'cli.js'),
  '--dir',
  '--linux',
  `-c.electronDist=${standIn}`,
  // electron-builder's rebuild would download Electron's headers; the Electron-ABI build is supplied instead.
  '-c.npmRebuild=false',
]
const packageOnce = async () => spawnSync(process.execPath, builderArgs, { cwd: root, stdio: 'inherit' }).status ?? 1

const sqlite = chooseSqliteBuild(root, electronAbi)
const nodeBinding = join(root, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node')
const status = sqlite.build === 'electron' ? await withFileReplaced(nodeBinding, sqlite.binding, packageOnce) : await packageOnce()
if (status !== 0) {
  console.error('electron-builder --dir failed (its output is above).')
  process.exit(status)
}
mkdirSync(join(root, 'dist'), { recursive: true })
const record = { electronVersion, electronAbi, standInElectron: true, betterSqlite3: sqlite.build === 'electron' ? { build: 'electron' } : sqlite }
writeFileSync(join(root, 'dist', 'package-dir.json'), `${JSON.stringify(record, null, 2)}\n`)
console.log(
  `dist/linux-unpacked made with a stand-in Electron ${electronVersion}; better-sqlite3: ${sqlite.build === 'electron' ? `Electron build (ABI ${electronAbi})` : `Node build, because ${sqlite.reason}`}.`,
)
