import type { AppState } from './types'

/**
 * What every window does once the active host changed (a switch made here, or heard from another window): the new
 * host's models and temporary models replace the old one's at once, rather than at the next refresh, and its status
 * is checked. Nothing waits for them: a host that does not answer takes up to 5 s to say so, and what the person did
 * (a switch, a save, a removal) is done once main took it. The check shows as the status meanwhile ("checking…").
 */
export function followHostChange(
  state: Pick<AppState, 'loadModels' | 'refreshTempModelsIfShown' | 'checkOllamaNow'>,
): void {
  void state.loadModels()
  void state.refreshTempModelsIfShown()
  void state.checkOllamaNow()
}
