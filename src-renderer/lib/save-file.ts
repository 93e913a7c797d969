/**
 * Saves text as a file the way a web page does: a Blob behind an `<a download>`. Browser mode gets the browser's
 * download; Electron shows its own save dialog for a download, so the desktop app needs no code in main for it.
 */
export function saveTextFile(fileName: string, mime: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: `${mime};charset=utf-8` }))
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.style.display = 'none'
  document.body.append(link)
  link.click()
  link.remove()
  // The download has taken its copy by the time the click returns; a tick later is safe in every engine.
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}
