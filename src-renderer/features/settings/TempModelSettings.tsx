import { TEMP_MODEL_LIMIT_RANGE } from '../../../src-shared/limits'
import { useApp } from '../../store/store-context'
import { WholeNumberSetting } from './WholeNumberSetting'

/** How many temporary models a host keeps, and whether a new one is announced. */
export function TempModelSettings() {
  const limit = useApp((state) => state.settings.tempModelLimit)
  const notify = useApp((state) => state.settings.notifyTempModelCreated)
  const update = useApp((state) => state.updateSettings)

  return (
    <>
      <WholeNumberSetting
        id="setting-temp-limit"
        label="Temporary models per host"
        help="At most this many temporary models per host; the least recently used unused one is removed first."
        value={limit}
        range={TEMP_MODEL_LIMIT_RANGE}
        save={(tempModelLimit) => update({ tempModelLimit })}
      />
      <div className="setting">
        <label className="setting__check">
          <input
            type="checkbox"
            checked={notify}
            aria-describedby="setting-notify-temp-help"
            onChange={(event) => void update({ notifyTempModelCreated: event.target.checked })}
          />
          Say when ollmchat prepares a temporary model
        </label>
        <p className="setting__help" id="setting-notify-temp-help">
          A short note appears, such as “Prepared llama3 with a 16K context”. Off by default.
        </p>
      </div>
    </>
  )
}
