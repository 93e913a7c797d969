import { z } from 'zod'
import { MAX_HOST_URL_CHARS, MAX_MODEL_NAME_CHARS } from '../../../src-shared/limits'
import { checkPresetList, PRESET_RULE, readPresetList } from '../../../src-shared/prompt-presets'
import { idSchema } from '../ipc/id-schema'
import { checkHostSetting } from '../ollama/host-setting'
import { storedSettingsSchema } from './stored-shapes'

/**
 * The one check of a change to the settings (`settings:update`): the IPC input schema is this schema, and
 * `SettingsService.update` parses with it too, since it is also called from inside main. Its messages are whole
 * sentences (`describeIssues` leaves them as they are). Settings that are stored as they are take their rule and
 * message from the stored shape; only what a person types is read differently here: text is trimmed (empty means
 * "not set") and an Ollama address is checked and normalized (`localhost` → `http://localhost:11434`).
 *
 * Whether `activeHostId` is still in the list depends on the stored hosts, not on the patch: the service checks it.
 */

const stored = storedSettingsSchema.shape

/** Text a person typed, trimmed; empty text and `null` both mean "not set". */
const typedText = (key: string, maxLength: number) =>
  z
    .string(`${key} must be text or null.`)
    .max(maxLength, `${key} can be at most ${maxLength.toLocaleString('en-US')} characters long.`)
    .nullable()
    .transform((value) => (value === null || value.trim() === '' ? null : value.trim()))

const ollamaHost = typedText('ollamaHost', MAX_HOST_URL_CHARS).transform((host, ctx) => {
  if (host === null) return null
  const checked = checkHostSetting(host)
  if (checked.ok) return checked.value
  ctx.addIssue({ code: 'custom', message: checked.message, input: host })
  return z.NEVER
})

const presetList = z
  .array(
    // Bounds only; `checkPresetList` below applies the whole preset rule with a sentence naming the problem.
    z.strictObject({
      id: idSchema,
      name: z.string().max(PRESET_RULE.maxNameLength * 2),
      text: z.string().max(PRESET_RULE.maxTextLength),
    }),
    'The presets must be a list.',
  )
  .max(PRESET_RULE.maxCount, `At most ${PRESET_RULE.maxCount} presets can be saved.`)
  .superRefine((presets, ctx) => {
    const problem = checkPresetList(presets)
    if (problem !== null) ctx.addIssue({ code: 'custom', message: problem, input: presets })
  })
  // Checked whole above, so reading keeps every preset (names trimmed).
  .transform((presets) => readPresetList(presets))

export const settingsPatchSchema = z.strictObject(
  {
    ollamaHost: ollamaHost.exactOptional(),
    theme: stored.theme.exactOptional(),
    defaultModel: typedText('defaultModel', MAX_MODEL_NAME_CHARS).exactOptional(),
    lastConversationId: idSchema.nullable().exactOptional(),
    activeHostId: idSchema.nullable().exactOptional(),
    tempModelLimit: stored.tempModelLimit.exactOptional(),
    notifyTempModelCreated: stored.notifyTempModelCreated.exactOptional(),
    replyIdleMinutes: stored.replyIdleMinutes.unwrap().exactOptional(),
    systemPromptPresets: presetList.exactOptional(),
  },
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `"${issue.keys[0] ?? ''}" is not a setting that can be changed here.`
        : issue.code === 'invalid_type'
          ? 'Settings must be an object.'
          : undefined,
  },
)

/** A patch as stored: text trimmed, the address normalized. */
export type CheckedSettingsPatch = z.output<typeof settingsPatchSchema>
