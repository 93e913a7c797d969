import { useApp } from '../../store/store-context'
import { ErrorNotice } from '../../components/ErrorNotice'
import { TempModelRow } from './TempModelRow'

/** The rows of the temporary-models panel, or why there are none. */
export function TempModelList() {
  const tempModels = useApp((state) => state.tempModels)
  const status = useApp((state) => state.tempModelsStatus)
  const error = useApp((state) => state.tempModelsError)
  const load = useApp((state) => state.loadTempModels)
  // Relative times ("5 min ago") are read against the moment the list arrived, which is when they were true.
  const listedAt = useApp((state) => state.tempModelsListedAt)
  if (status === 'error' && error) {
    return (
      <ErrorNotice error={error}>
        <button type="button" className="button" onClick={() => void load()}>
          Try again
        </button>
      </ErrorNotice>
    )
  }
  if (status !== 'ready') return <p className="muted">Loading the temporary models…</p>
  if (tempModels.length === 0) return <p className="muted">There are none on this host right now.</p>
  return (
    <ul className="temp-model-list">
      {tempModels.map((temp) => (
        <TempModelRow key={temp.name} temp={temp} now={listedAt} />
      ))}
    </ul>
  )
}
