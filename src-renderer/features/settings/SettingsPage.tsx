import { useApp } from '../../store/store-context'
import { DefaultModelSetting } from './DefaultModelSetting'
import { HostsSetting } from './HostsSetting'
import { LogSetting } from './LogSetting'
import { ReplyIdleSetting } from './ReplyIdleSetting'
import { TempModelSettings } from './TempModelSettings'
import { ThemeSetting } from './ThemeSetting'
import { YourDataSetting } from './YourDataSetting'

/** App settings, each with one line saying what it does. */
export function SettingsPage() {
  const appInfo = useApp((state) => state.appInfo)
  const loaded = useApp((state) => state.settingsLoaded)
  return (
    <div className="page page--narrow">
      <header className="page__header">
        <div>
          <h1>Settings</h1>
          <p className="page__lead">Changes are saved as you make them.</p>
        </div>
      </header>
      {loaded && (
        <div className="settings">
          <HostsSetting />
          <ThemeSetting />
          <DefaultModelSetting />
          <TempModelSettings />
          <ReplyIdleSetting />
          <YourDataSetting />
          <LogSetting />
        </div>
      )}
      {appInfo && (
        <p className="about">
          ollmchat {appInfo.version} · {appInfo.mode === 'desktop' ? 'desktop app' : 'browser mode'} · data in{' '}
          <code>{appInfo.dataDir}</code>
        </p>
      )}
    </div>
  )
}
