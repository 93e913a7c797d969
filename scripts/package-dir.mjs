// `npm run package:dir`: makes the unpacked Linux package (dist/linux-unpacked) with electron-builder `--dir`
// on any machine, using a stand-in Electron distribution (scripts/lib/stand-in-electron.mjs) as electronDist,
// so the real packaging steps run here: file selection, asar and asarUnpack, and the fuse flip. Needs the built
// app (`npm run build`). better-sqlite3's build is put into the package by the afterPack hook
// (scripts/after-pack-sqlite.mjs); node_modules is only read. Writes dist/package-dir.json for
// scripts/inspect-package.mjs: which better-sqlite3 build went in and why (scripts/lib/package-sqlite.mjs).
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { installedElectron, SQLITE_CHOICE_FILE } from './lib/package-sqlite.mjs'
import { makeStandInElectronDist } from './lib/stand-in-electron.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const { electronVersion, electronAbi } = installedElectron(root)
const main = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).main

if (!existsSync(join(root, main))) {
  console.error(`The app is not built (${main} is missing); run \`npm run build\` first.`)
  process.exit(1)
}
const standIn = join(root, 'dist', '.stand-in-electron')
makeStandInElectronDist({
  dir: standIn,
  electronVersion,
  licenseFrom: join(root, 'node_modules', 'electron', 'LICENSE'),
})

const builderArgs = [
  join(root, 'node_modules', 'electron-builder', 'cli.js'),
  '--dir',
  '--linux',
  `-c.electronDist=${standIn}`,
  // electron-builder's rebuild would download Electron's headers; the Electron-ABI build is supplied instead.
  '-c.npmRebuild=false',
  '-c.afterPack=./scripts/after-pack-sqlite.mjs',
]
// A choice or record left by an earlier run must not stand in for this one's.
const choicePath = join(root, 'dist', SQLITE_CHOICE_FILE)
const recordPath = join(root, 'dist', 'package-dir.json')
for (const stale of [choicePath, recordPath]) rmSync(stale, { force: true })
const status = spawnSync(process.execPath, builderArgs, { cwd: root, stdio: 'inherit' }).status ?? 1
if (status !== 0) {
  console.error('electron-builder --dir failed (its output is above).')
  process.exit(status)
}
if (!existsSync(choicePath)) {
  console.error(
    `electron-builder finished, but the afterPack hook did not record which better-sqlite3 build it packaged (${choicePath} is missing).`,
  )
  process.exit(1)
}
/** @type {import('./lib/package-sqlite.mjs').SqliteChoice} */
const sqlite = JSON.parse(readFileSync(choicePath, 'utf8'))
const record = {
  electronVersion,
  electronAbi,
  standInElectron: true,
  betterSqlite3: sqlite.build === 'electron' ? { build: 'electron' } : sqlite,
}
writeFileSync(recordPath, `${JSON.stringify(record, null, 2)}\n`)
console.log(
  `dist/linux-unpacked made with a stand-in Electron ${electronVersion}; better-sqlite3: ${sqlite.build === 'electron' ? `Electron build (ABI ${electronAbi})` : `Node build, because ${sqlite.reason}`}.`,
)
