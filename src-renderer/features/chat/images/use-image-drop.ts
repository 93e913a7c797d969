import { useEffect, useState, type RefObject } from 'react'

const hasFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') === true

/**
 * Files dropped anywhere on the chat view (the `.chat` section around `inside`) go to `onFiles`; `dragging` is true
 * while files are held over it, so the composer can show where they will go.
 */
export function useImageDrop(inside: RefObject<HTMLElement | null>, onFiles: (files: File[]) => void): boolean {
  const [dragging, setDragging] = useState(false)
  useEffect(() => {
    const zone = inside.current?.closest<HTMLElement>('.chat')
    if (!zone) return
    // dragenter/dragleave fire for every child crossed; counting them tells when the pointer really left.
    let depth = 0
    const enter = (event: DragEvent) => {
      if (!hasFiles(event)) return
      depth++
      setDragging(true)
    }
    const leave = (event: DragEvent) => {
      if (!hasFiles(event)) return
      depth = Math.max(0, depth - 1)
      if (depth === 0) setDragging(false)
    }
    const over = (event: DragEvent) => {
      if (!hasFiles(event)) return
      event.preventDefault()
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy'
    }
    const drop = (event: DragEvent) => {
      if (!hasFiles(event)) return
      event.preventDefault()
      depth = 0
      setDragging(false)
      onFiles([...(event.dataTransfer?.files ?? [])])
    }
    zone.addEventListener('dragenter', enter)
    zone.addEventListener('dragleave', leave)
    zone.addEventListener('dragover', over)
    zone.addEventListener('drop', drop)
    return () => {
      zone.removeEventListener('dragenter', enter)
      zone.removeEventListener('dragleave', leave)
      zone.removeEventListener('dragover', over)
      zone.removeEventListener('drop', drop)
    }
  }, [inside, onFiles])
  return dragging
}
