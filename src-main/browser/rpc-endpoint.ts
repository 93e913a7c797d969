import type { IncomingMessage, ServerResponse } from 'node:http'
import { MAX_IMPORT_BYTES } from '../../src-shared/data-rule'
import { MAX_IMAGE_BASE64_CHARS } from '../../src-shared/image-rule'
import { isChannel, type Channel } from '../../src-shared/ipc/contract'
import { MAX_IMAGES_PER_MESSAGE } from '../../src-shared/limits'
import type { Core } from '../core/core-types'
import { refuse, sendJson } from './http-replies'
import { BodyTooLargeError, readBoundedBody } from './request-body'

/** Bodies above this are refused: the largest valid input without images (a 200,000-character message) fits well below. */
const MAX_BODY_BYTES = 2 * 1024 * 1024
/**
 * `chat:send` may carry images: as many as a message takes, each as long as its base64 may be (about 107 MB at
 * 8 × 10 MB), on top of the usual bound. Only that channel gets it; everything else stays at 2 MB.
 */
const MAX_SEND_BODY_BYTES = MAX_BODY_BYTES + MAX_IMAGES_PER_MESSAGE * (MAX_IMAGE_BASE64_CHARS + 4)

/**
 * `data:import` carries a whole file as a JSON string: up to `MAX_IMPORT_BYTES`, and JSON escaping (every `"` and `\`
 * of a JSON file gains a backslash) at most doubles it. A file within the bound always gets through, so main's check
 * answers with the sentence about its size rather than this server with a bare 413.
 */
const MAX_IMPORT_BODY_BYTES = MAX_BODY_BYTES + 2 * MAX_IMPORT_BYTES

/** The largest body a channel's request may have. */
export const bodyLimitOf = (channel: Channel): number =>
  channel === 'chat:send' ? MAX_SEND_BODY_BYTES : channel === 'data:import' ? MAX_IMPORT_BODY_BYTES : MAX_BODY_BYTES

/**
 * Answers `POST /rpc/<channel>` (the session already checked): the body, read within the channel's bound and parsed
 * as JSON, goes to the core's dispatch, and its `Result` comes back as the response body.
 */
export async function answerRpc(core: Core, request: IncomingMessage, response: ServerResponse, channel: string) {
  // The custom header forces a CORS preflight, which this server never grants: no cross-site form can call us.
  if (request.headers['x-ollmchat'] !== '1')
    return refuse(request, response, 403, 'FORBIDDEN', 'Missing x-ollmchat header.')
  if (!isChannel(channel)) return refuse(request, response, 404, 'INVALID_INPUT', `Unknown request: ${channel}`)
  let text: string
  try {
    text = await readBoundedBody(request, bodyLimitOf(channel))
  } catch (error) {
    if (!(error instanceof BodyTooLargeError)) throw error
    return refuse(request, response, 413, 'INVALID_INPUT', 'That request is too large.')
  }
  let input: unknown
  try {
    input = text.length === 0 ? {} : (JSON.parse(text) as unknown)
  } catch {
    return refuse(request, response, 400, 'INVALID_INPUT', 'That request was not valid JSON.')
  }
  sendJson(response, 200, await core.dispatch(channel, input))
}
