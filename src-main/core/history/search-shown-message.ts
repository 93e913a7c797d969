/**
 * Which matching messages can be hits: in a conversation not in the bin, on the path the conversation shows
 * (`m` is the message, `c` its conversation). One condition for the hit queries and the total (search-total.ts),
 * so the count always counts what the pages show.
 */
export const SHOWN_MESSAGE = 'c.deleted_at IS NULL AND m.on_path = 1'
