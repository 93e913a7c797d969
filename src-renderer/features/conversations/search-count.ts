/**
 * What the search results say about their number: the total main counted ("210 messages", "More than 2,000
 * messages"), else how many are shown and whether more exist.
 */
export function searchCountLabel({
  shown,
  hasMore,
  total,
  moreThanTotal,
}: {
  shown: number
  hasMore: boolean
  total: number | undefined
  moreThanTotal: boolean
}): string {
  if (total !== undefined && total >= shown) return moreThanTotal ? `More than ${messages(total)}` : messages(total)
  return hasMore ? `First ${messages(shown)}` : messages(shown)
}

const messages = (count: number) => (count === 1 ? '1 message' : `${count.toLocaleString('en-US')} messages`)
