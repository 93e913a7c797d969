import { useEffect, useMemo } from 'react'
import { formatBytes, shortModelName } from '../../../src-shared/format'
import type { ModelInfo } from '../../../src-shared/types'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { sameModelName } from '../../lib/model-names'
import { useApp } from '../../store/store-context'
import { MODELS_HEADING_ID } from './models-heading'

/**
 * Asks before deleting a model, saying what goes with it: the temporary models ollmchat made from it (the loaded
 * ones are unloaded first) and the disk it frees. The core refuses while a reply uses the model; that shows here.
 */
export function DeleteModelDialog({ model, onClose }: { model: ModelInfo; onClose: () => void }) {
  const loadTempModels = useApp((state) => state.loadTempModels)
  const deleteModel = useApp((state) => state.deleteModel)
  const tempModels = useApp((state) => state.tempModels)
  const status = useApp((state) => state.tempModelsStatus)
  const short = shortModelName(model.name)
  const made = useMemo(
    () => tempModels.filter((temp) => temp.baseModel !== null && sameModelName(temp.baseModel, model.name)),
    [tempModels, model.name],
  )

  useEffect(() => {
    void loadTempModels()
  }, [loadTempModels])

  return (
    <ConfirmDialog
      title={`Delete ${short}?`}
      confirmLabel={`Delete ${short}`}
      busyLabel="Deleting…"
      onConfirm={() => deleteModel(model.name)}
      onClose={onClose}
      fallbackFocusId={MODELS_HEADING_ID}
    >
      <p role="status">
        {status === 'ready'
          ? madeText(short, made.length, made.filter((temp) => temp.loaded).length)
          : waitingText(short, status === 'error')}
      </p>
      <p>
        {model.isCloud
          ? 'It frees no disk to speak of: cloud models run on ollama.com.'
          : `It frees about ${formatBytes(model.sizeBytes)} of disk.`}
      </p>
      <p>Conversations that use it keep their messages; to go on, they need another model or this one pulled again.</p>
    </ConfirmDialog>
  )
}

/** "Deleting llama3 also deletes the 2 temporary models ollmchat made from it (1 loaded, which is unloaded first)." */
function madeText(model: string, count: number, loaded: number): string {
  if (count === 0) return `Nothing else goes with it: ollmchat made no temporary models from ${model}.`
  const models = count === 1 ? 'the temporary model' : `the ${count} temporary models`
  const unloaded = loaded === 0 ? '' : ` (${loaded} loaded, which ${loaded === 1 ? 'is' : 'are'} unloaded first)`
  return `Deleting ${model} also deletes ${models} ollmchat made from it${unloaded}.`
}

function waitingText(model: string, failed: boolean): string {
  return failed
    ? `ollmchat could not list its temporary models; any it made from ${model} are deleted with it.`
    : `Looking for temporary models ollmchat made from ${model}…`
}
