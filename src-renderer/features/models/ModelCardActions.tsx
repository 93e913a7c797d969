import { FileText, Trash2 } from 'lucide-react'
import { useState } from 'react'
import type { ModelInfo } from '../../../src-shared/types'
import { DeleteModelDialog } from './DeleteModelDialog'
import { ModelDetailsDialog } from './ModelDetailsDialog'

/** The card's Details and Delete buttons and the dialogs they open (focus returns to the button on close). */
export function ModelCardActions({ model }: { model: ModelInfo }) {
  const [open, setOpen] = useState<'details' | 'delete' | null>(null)
  const close = () => setOpen(null)
  return (
    <div className="model-card__actions">
      <button
        type="button"
        className="button button--ghost button--small"
        aria-label={`Details of ${model.name}`}
        onClick={() => setOpen('details')}
      >
        <FileText size={14} aria-hidden />
        Details
      </button>
      <button
        type="button"
        className="button button--ghost button--small"
        aria-label={`Delete ${model.name}`}
        onClick={() => setOpen('delete')}
      >
        <Trash2 size={14} aria-hidden />
        Delete
      </button>
      {open === 'details' && <ModelDetailsDialog model={model.name} onClose={close} />}
      {open === 'delete' && <DeleteModelDialog model={model} onClose={close} />}
    </div>
  )
}
