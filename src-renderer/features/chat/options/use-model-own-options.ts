import { useEffect, useState } from 'react'
import { modelOwnOptions, type ConversationOptions } from '../../../../src-shared/conversation-options'
import type { AppError } from '../../../../src-shared/ipc/result'
import { parseShowParameters } from '../../../../src-shared/show-parameters'
import { useApp } from '../../../store/store-context'

export interface ModelOwnOptions {
  /** `null` while loading, or when Ollama could not say. */
  own: Required<ConversationOptions> | null
  error: AppError | null
}

/**
 * The model's own option values (its `/api/show` parameters, else Ollama's defaults), read while the panel is open.
 * Only the window asks: the send path never does, so a warm turn stays one request to Ollama.
 */
export function useModelOwnOptions(model: string | null, open: boolean): ModelOwnOptions {
  const fetchModelDetails = useApp((state) => state.fetchModelDetails)
  const [read, setRead] = useState<ModelOwnOptions & { model: string | null }>({ model: null, own: null, error: null })
  useEffect(() => {
    if (!open || model === null) return
    let live = true
    void fetchModelDetails(model).then((result) => {
      if (!live) return
      setRead(
        result.ok
          ? { model, own: modelOwnOptions(parseShowParameters(result.value.parameters)), error: null }
          : { model, own: null, error: result.error },
      )
    })
    return () => {
      live = false
    }
  }, [fetchModelDetails, model, open])
  return read.model === model ? { own: read.own, error: read.error } : { own: null, error: null }
}
