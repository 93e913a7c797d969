// electron-builder's afterPack hook for `npm run package:dir` (given as `-c.afterPack` by scripts/package-dir.mjs,
// so `npm run dist`, whose npmRebuild builds better-sqlite3 for the target, does not run it): puts the chosen
// better-sqlite3 build into the laid-out package, before the fuses are flipped. scripts/lib/package-sqlite.mjs
// says which build and why. app.asar's header keeps the size and hash of the Node build it was made with; Electron
// reads unpacked files from the folder, and asar integrity (macOS and Windows only) covers the header, which this
// leaves as it is.
import electronBuilder from 'electron-builder'
import { placeSqliteBuild } from './lib/package-sqlite.mjs'

/**
 * @param {Pick<import('electron-builder').AfterPackContext, 'appOutDir' | 'outDir' | 'arch' | 'electronPlatformName'> & {
 *   packager: Pick<import('electron-builder').AfterPackContext['packager'], 'projectDir' | 'getResourcesDir'> }} context
 */
export default async function afterPack(context) {
  const choice = placeSqliteBuild({
    projectDir: context.packager.projectDir,
    resourcesDir: context.packager.getResourcesDir(context.appOutDir),
    outDir: context.outDir,
    target: { platform: context.electronPlatformName, arch: electronBuilder.Arch[context.arch] },
  })
  console.log(
    `  • ollmchat: better-sqlite3 in the package is the ${choice.build === 'electron' ? 'Electron build' : `Node build, because ${choice.reason}`}`,
  )
}
