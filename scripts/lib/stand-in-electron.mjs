// A stand-in for a Linux Electron distribution, for `electron-builder --dir` (its `electronDist`) on machines
// that cannot download Electron. electron-builder 26.17.0 copies an unpacked custom dist as it is
// (app-builder-lib out/electron/ElectronFramework.js `unpack`: "using custom unpacked Electron distribution"),
// renames `electron` to the product's executable, moves `LICENSE` to `LICENSE.electron.txt`
// (`retainElectronLicenseFiles`), reads `locales/*.pak` only when electronLanguages is set, and deletes
// `resources/default_app.asar` and `version` only after its own download (`cleanupAfterUnpack`), so the stand-in
// has no default_app.asar. The executable is a shell script that refuses to run the app but carries a fuse wire
// like Electron's, so electron-builder's fuse step (@electron/fuses `flipFuses`) really flips it and the
// inspection reads the result back with `getCurrentFuseWire`.
import { chmodSync, copyFileSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/** The marker @electron/fuses looks for before the wire (its dist/constants.js `SENTINEL`). */
export const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'
const FUSE_WIRE_VERSION = 1
/**
 * Electron's defaults for the fuses @electron/fuses 1.8 knows, in wire order (FuseV1Options: RunAsNode,
 * EnableCookieEncryption, EnableNodeOptionsEnvironmentVariable, EnableNodeCliInspectArguments,
 * EnableEmbeddedAsarIntegrityValidation, OnlyLoadAppFromAsar, LoadBrowserProcessSpecificV8Snapshot,
 * GrantFileProtocolExtraPrivileges), as Electron's docs/tutorial/fuses.md gives them ('1' on, '0' off).
 */
export const ELECTRON_DEFAULT_FUSE_WIRE = '10110001'

/**
 * The stand-in executable: a shell script that says what it is, with the fuse wire in a comment line
 * (sentinel, wire version byte, wire length byte, one ASCII '0'/'1' per fuse), as Electron's binary has it.
 * @param {string} [wire]
 * @returns {Buffer}
 */
export function standInExecutable(wire = ELECTRON_DEFAULT_FUSE_WIRE) {
  return Buffer.concat([
    Buffer.from(
      '#!/bin/sh\n# Stand-in for the Electron binary (scripts/lib/stand-in-electron.mjs); the fuse wire follows.\n# ',
      'latin1',
    ),
    Buffer.from(FUSE_SENTINEL, 'latin1'),
    Buffer.from([FUSE_WIRE_VERSION, wire.length]),
    Buffer.from(`${wire}\n`, 'latin1'),
    Buffer.from(
      "echo 'This package was built with a stand-in Electron; build it where Electron can be downloaded to run it.' >&2\nexit 1\n",
      'latin1',
    ),
  ])
}

/**
 * Writes the stand-in Linux Electron distribution for `electronVersion` into `dir` (emptied first).
 * @param {object} options
 * @param {string} options.dir
 * @param {string} options.electronVersion
 * @param {string} [options.licenseFrom] Electron's LICENSE to ship beside the executable, as the real dist does
 */
export function makeStandInElectronDist({ dir, electronVersion, licenseFrom }) {
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(join(dir, 'locales'), { recursive: true })
  mkdirSync(join(dir, 'resources'))
  writeFileSync(join(dir, 'electron'), standInExecutable())
  chmodSync(join(dir, 'electron'), 0o755)
  writeFileSync(join(dir, 'version'), electronVersion)
  if (licenseFrom && existsSync(licenseFrom)) copyFileSync(licenseFrom, join(dir, 'LICENSE'))
  else writeFileSync(join(dir, 'LICENSE'), 'Electron is MIT-licensed; this stand-in carries no Electron code.\n')
  writeFileSync(
    join(dir, 'LICENSES.chromium.html'),
    '<!doctype html><title>Stand-in</title><p>No Chromium code is in this stand-in.</p>\n',
  )
  writeFileSync(join(dir, 'locales', 'en-US.pak'), '')
}
