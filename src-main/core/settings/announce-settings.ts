import type { Settings } from '../../../src-shared/types'
import type { Handlers } from '../ipc/dispatch'

/** The requests that change settings; each answers with the settings after the change. */
type SettingsChange = 'settings:update' | 'hosts:save' | 'hosts:remove'

/**
 * The same handlers, but every request that changes the settings also announces the result (`settings:changed`), so
 * the other windows follow a host switch, a new host or a new limit made in one of them. A refused request announces
 * nothing.
 */
export function announcingSettings(handlers: Handlers, announce: (settings: Settings) => void): Handlers {
  const announced =
    <C extends SettingsChange>(handle: Handlers[C]): Handlers[C] =>
    async (input: Parameters<Handlers[C]>[0]) => {
      const settings = await (handle as (input: unknown) => Promise<Settings>)(input)
      announce(settings)
      return settings
    }
  return {
    ...handlers,
    'settings:update': announced<'settings:update'>(handlers['settings:update']),
    'hosts:save': announced<'hosts:save'>(handlers['hosts:save']),
    'hosts:remove': announced<'hosts:remove'>(handlers['hosts:remove']),
  }
}
