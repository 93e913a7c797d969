// The Electron fuses the packaged app must have (electron-builder's `electronFuses`, flipped in the binary at
// packaging): each one switches off a way to run other code with the app's identity, or on a check. Why each is
// set is in docs/security.md.
/** @type {Readonly<Record<string, boolean>>} */
export const REQUIRED_FUSES = Object.freeze({
  // ELECTRON_RUN_AS_NODE would turn the signed binary into a plain Node interpreter.
  runAsNode: false,
  // NODE_OPTIONS and --inspect/--inspect-brk would let anyone who can start the app inject code or a debugger.
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  // The app loads only from app.asar, whose header hash is checked against the one embedded at packaging.
  onlyLoadAppFromAsar: true,
  enableEmbeddedAsarIntegrityValidation: true,
  // file:// gets no more privileges than a browser gives it (the app loads from app://).
  grantFileProtocolExtraPrivileges: false,
  // Cookies are encrypted at rest with the OS keychain.
  enableCookieEncryption: true,
})

/**
 * The problems with `config.electronFuses` (empty when every required fuse has its value).
 * @param {Record<string, unknown>} config
 * @returns {string[]}
 */
export function fuseProblems(config) {
  const fuses = /** @type {Record<string, unknown> | null | undefined} */ (config.electronFuses)
  if (!fuses || typeof fuses !== 'object')
    return ['electronFuses is missing; the packaged app would keep Electron’s unsafe defaults']
  return Object.entries(REQUIRED_FUSES)
    .filter(([name, value]) => fuses[name] !== value)
    .map(([name, value]) => `electronFuses.${name} must be ${value} (it is ${String(fuses[name])})`)
}
