import { REPLY_IDLE_MINUTES_RANGE } from '../../../src-shared/limits'
import { useApp } from '../../store/store-context'
import { WholeNumberSetting } from './WholeNumberSetting'

/** How long a reply may go without a word from Ollama before it is stopped with an error. */
export function ReplyIdleSetting() {
  const minutes = useApp((state) => state.settings.replyIdleMinutes)
  const update = useApp((state) => state.updateSettings)
  return (
    <WholeNumberSetting
      id="setting-reply-idle"
      label="Stop a silent reply after (minutes)"
      help="A reply Ollama sends nothing for this long is stopped with an error; loading a large model can take a few minutes."
      value={minutes}
      range={REPLY_IDLE_MINUTES_RANGE}
      unit="minutes"
      save={(replyIdleMinutes) => update({ replyIdleMinutes })}
    />
  )
}
