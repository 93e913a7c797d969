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
  // The images and the last refusal change together, in one functional update: two adds at once (a paste and a drop)
  // each see what the other added, so together they never pass the limit.
  const [state, setState] = useState<{ byDraft: Record<string, PendingImage[]>; problem: string | null }>({
    byDraft: {},
    problem: null,
  })
  const images = state.byDraft[draftKey] ?? []
  const setByDraft = (update: (byDraft: Record<string, PendingImage[]>) => Record<string, PendingImage[]>) =>
    setState((current) => ({ ...current, byDraft: update(current.byDraft) }))
  const setProblem = (problem: string | null) => setState((current) => ({ ...current, problem }))

  const add = useCallback(
    async (files: readonly File[]) => {
      if (files.length === 0) return
      if (refusal !== null) {
        setState((current) => ({ ...current, problem: `${refusal}. Images need a model with vision.` }))
        return
      }
      const read = await Promise.all(files.map(readImageFile))
      const unreadable: string[] = []
      const accepted: PendingImage[] = []
      for (const result of read) {
        if ('problem' in result) unreadable.push(result.problem)
        else accepted.push(result)
      }
      setState((current) => {
        const attached = current.byDraft[draftKey] ?? []
        const room = Math.max(0, MAX_IMAGES_PER_MESSAGE - attached.length)
        const tooMany = imageCountProblem(attached.length + accepted.length)
        const problems =
          tooMany === null
            ? unreadable
            : [...unreadable, room === 0 ? tooMany : `${tooMany} Only the first ${room} could be added.`]
        const added = accepted.slice(0, room)
        return {
          byDraft: added.length > 0 ? { ...current.byDraft, [draftKey]: [...attached, ...added] } : current.byDraft,
          problem: problems.length > 0 ? problems.join(' ') : null,
        }
      })
    },
    [draftKey, refusal],
  )

  return {
    images,
    problem: state.problem,
    dismissProblem: () => setProblem(null),
    add,
    remove: (id) =>
      setByDraft((current) => ({
        ...current,
        [draftKey]: (current[draftKey] ?? []).filter((image) => image.id !== id),
      })),
    take() {
      setState((current) => ({ byDraft: { ...current.byDraft, [draftKey]: [] }, problem: null }))
      return images
    },
    restore: (key, restored) =>
      setByDraft((current) => ((current[key] ?? []).length > 0 ? current : { ...current, [key]: restored })),
  }
}
