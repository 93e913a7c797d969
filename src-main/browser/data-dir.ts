import { homedir } from 'node:os'
import { join } from 'node:path'

/**
 * Where browser mode keeps settings and history: `OLLMCHAT_DATA_DIR` when set, else the folder Electron's
 * `app.getPath('userData')` gives the desktop app, so both modes share one history and one set of settings. An
 * empty `XDG_CONFIG_HOME` or `APPDATA` counts as unset, as it does for Electron.
 */
export function defaultDataDir(
  env: Record<string, string | undefined> = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  if (env.OLLMCHAT_DATA_DIR) return env.OLLMCHAT_DATA_DIR
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'ollmchat')
  if (platform === 'win32') return join(env.APPDATA || join(home, 'AppData', 'Roaming'), 'ollmchat')
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), 'ollmchat')
}
