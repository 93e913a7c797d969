/**
 * Paging of a conversation's messages (`conversations:get` with `limit` and `before`), shared so the window never asks for
 * more than main gives in one answer.
 */

/**
 * The most messages one `conversations:get` with a `limit` returns: a page this size is about a megabyte of JSON, which
 * main reads and sends in a few tens of milliseconds, so other calls never wait long behind it.
 */
export const MAX_MESSAGE_PAGE = 2_000
