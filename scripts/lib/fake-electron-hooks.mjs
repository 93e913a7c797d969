// Module hook for scripts/desktop-smoke.mjs: `import … from 'electron'` gets the fake module instead of the
// real package (which throws when no Electron binary was downloaded).
/** @type {import('node:module').ResolveHook} */
export async function resolve(specifier, context, next) {
  if (specifier === 'electron')
    return { url: new URL('./fake-electron-module.mjs', import.meta.url).href, shortCircuit: true }
  return next(specifier, context)
}
