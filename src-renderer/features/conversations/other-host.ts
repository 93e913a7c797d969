import { otherHostLabel } from '../../lib/host-names'
import { selectActiveHostAddress } from '../../store/hosts-slice'
import type { AppState } from '../../store/types'

/**
 * The host (its name, else its address) of a conversation's latest reply when that is not the host in use now,
 * else `null`: the header and the conversation list say it, so a reply that reads differently is explained.
 */
export const selectOtherHostOf =
  (lastHost: string | null) =>
  (state: AppState): string | null =>
    otherHostLabel(lastHost, selectActiveHostAddress(state), state.settings.hosts)
