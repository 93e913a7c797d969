import type { TempCleanupReport } from '../../../src-shared/types'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { hostAddress } from '../../lib/host-names'
import { selectActiveHostAddress } from '../../store/hosts-slice'
import { useApp } from '../../store/store-context'

/** Asks before unloading and deleting every temporary model on the host; hands the report to the panel. */
export function RemoveAllTempDialog({
  onDone,
  onClose,
}: {
  onDone: (report: TempCleanupReport) => void
  onClose: () => void
}) {
  const removeAll = useApp((state) => state.removeAllTempModels)
  const host = useApp(selectActiveHostAddress)

  const confirm = async () => {
    const result = await removeAll()
    if (!result.ok) return result.error
    onDone(result.value)
    return null
  }

  return (
    <ConfirmDialog
      title="Remove all temporary models?"
      confirmLabel="Remove all"
      busyLabel="Removing…"
      onConfirm={confirm}
      onClose={onClose}
    >
      <p>
        This unloads and deletes every temporary model on this host{host !== null ? ` (${hostAddress(host)})` : ''},
        except those a reply is using right now.
      </p>
      <p>
        Useful before uninstalling ollmchat or switching hosts for good. Your context settings stay: the next message
        makes the model it needs again.
      </p>
    </ConfirmDialog>
  )
}
