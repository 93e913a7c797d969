import { useCallback, useState } from 'react'
import { MAX_IMAGES_PER_MESSAGE } from '../../../../src-shared/limits'
import { imageCountProblem } from '../../../../src-shared/image-rule'
import { readImageFile, type PendingImage } from './read-image-file'

export interface ImageAttachments {
  images: PendingImage[]
  /** The last refusal in words (a file that is not an image, too many, a model without vision); `null` when none. */
  problem: string | null
  dismissProblem: () => void
  /** Attaches files (picked, pasted or dropped); with `refusal` set (the model cannot read images) says that instead. */
  add: (files: readonly File[]) => Promise<void>
  remove: (id: string) => void
  /** Takes the images of the draft to send them (the draft is left without). */
  take: () => PendingImage[]
  /** Puts images back on a draft when nothing could be sent, unless it has new ones meanwhile. */
  restore: (key: string, images: PendingImage[]) => void
}

/**
 * The images of each conversation's draft while the app runs (as the composer keeps each draft's text), checked as
 * they come in so a refusal is said at once, not after pressing Send.
 */
export function useImageAttachments(draftKey: string, refusal: string | null): ImageAttachments {
  const [byDraft, setByDraft] = useState<Record<string, PendingImage[]>>({})
  const [problem, setProblem] = useState<string | null>(null)
  const images = byDraft[draftKey] ?? []

  const add = useCallback(
    async (files: readonly File[]) => {
      if (files.length === 0) return
      if (refusal !== null) {
        setProblem(`${refusal}. Images need a model with vision.`)
        return
      }
      const read = await Promise.all(files.map(readImageFile))
      const problems: string[] = []
      const accepted: PendingImage[] = []
      for (const result of read) {
        if ('problem' in result) problems.push(result.problem)
        else accepted.push(result)
      }
      const room = Math.max(0, MAX_IMAGES_PER_MESSAGE - images.length)
      const tooMany = imageCountProblem(images.length + accepted.length)
      if (tooMany !== null) problems.push(room === 0 ? tooMany : `${tooMany} Only the first ${room} could be added.`)
      const added = accepted.slice(0, room)
      if (added.length > 0) setByDraft((current) => ({ ...current, [draftKey]: [...(current[draftKey] ?? []), ...added] }))
      setProblem(problems.length > 0 ? problems.join(' ') : null)
    },
    [draftKey, refusal, images.length],
  )

  return {
    images,
    problem,
    dismissProblem: () => setProblem(null),
    add,
    remove: (id) => setByDraft((current) => ({ ...current, [draftKey]: (current[draftKey] ?? []).filter((image) => image.id !== id) })),
    take() {
      setByDraft((current) => ({ ...current, [draftKey]: [] }))
      setProblem(null)
      return images
    },
    restore: (key, restored) =>
      setByDraft((current) => ((current[key] ?? []).length > 0 ? current : { ...current, [key]: restored })),
  }
}
