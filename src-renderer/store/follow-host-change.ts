import type { AppState } from './types'

/**
 * What every window does once the active host changed (a switch made here, or heard from another window): the new
 * host's models and temporary models replace the old one's at once, rather than at the next refresh, and its status
 * is checked.
 */
export async function followHostChange(state: Pick<AppState, 'loadModels' | 'refreshTempModelsIfShown' | 'checkOllamaNow'>): Promise<void> {
  void state.loadModels()
  void state.refreshTempModelsIfShown()
  await state.checkOllamaNow()
}
