/** The reply text after `checkpoints` streaming checkpoints of the crash writer: `w1 w2 … wN`. */
export function storyAfter(checkpoints: number): string {
  return Array.from({ length: checkpoints }, (_, index) => `w${index + 1}`).join(' ')
}
