import { shortModelName } from '../../../src-shared/format'
import { AppFailure } from '../app-failure'
import type { ChatService } from '../chat/chat-service'
import type { OllamaConnection } from '../connection'
import { whileHolding } from '../held-connection'
import type { Handlers } from '../ipc/dispatch'
import { capabilitiesOf } from '../models/model-catalog'
import type { ModelsWatch } from '../models/models-watch'
import type { PullService } from '../models/pull-service'
import { isTempModelName, sameModel } from '../ollama/model-name'

type ManageChannels =
  | 'models:pull'
  | 'models:cancelPull'
  | 'models:activePulls'
  | 'models:delete'
  | 'models:unload'
  | 'models:details'
  | 'tempModels:list'
  | 'tempModels:cleanup'
  | 'tempModels:removeAll'

/**
 * Getting, removing and looking into models, and the temporary models in the open. Every change is followed by a read
 * of the lists, so every window shows it at once (`models:changed`).
 */
export function manageHandlers(deps: {
  connection(): OllamaConnection
  pulls: PullService
  chat: ChatService
  watch: ModelsWatch
}): Pick<Handlers, ManageChannels> {
  const announce = () => void deps.watch.refresh().catch(() => undefined)
  /** Several calls on one host: held, so a host switch meanwhile does not close their client between two of them. */
  const held = <T>(work: (connection: OllamaConnection) => Promise<T>) => whileHolding(deps.connection(), work)
  /** A model a reply is using now may not go away under it. */
  const refuseWhileBusy = (host: string, model: string, doing: string) => {
    if (deps.chat.busyModels(host).some((busy) => sameModel(busy, model))) {
      throw new AppFailure(
        'BUSY',
        `${shortModelName(model)} is answering in a conversation right now: stop that reply (or wait for it) before you ${doing} it.`,
      )
    }
  }

  return {
    'models:pull': (input) => deps.pulls.pull(input, deps.connection().client),
    'models:cancelPull': async ({ requestId }) => ({ cancelled: deps.pulls.cancel(requestId) }),
    'models:activePulls': async () => ({ pulls: deps.pulls.active() }),
    'models:delete': async ({ model }) => {
      if (isTempModelName(model))
        throw new AppFailure('INVALID_INPUT', 'Temporary models are removed from the Temporary models panel.')
      const { info, temps } = await held(async ({ host, catalog, housekeeping }) => {
        const info = await catalog.get(model)
        refuseWhileBusy(host, info.name, 'delete')
        // Asked again inside the pass: a reply may have begun while the pass waited for its turn.
        const stillFree = () => refuseWhileBusy(host, info.name, 'delete')
        return {
          info,
          temps: await housekeeping.deleteBase(info.name, { baseLoaded: info.runningContext !== null, stillFree }),
        }
      })
      announce()
      return { deleted: [info.name, ...temps] }
    },
    'models:unload': async ({ model }) =>
      held(async ({ host, catalog, client }) => {
        const info = await catalog.get(model)
        refuseWhileBusy(host, info.name, 'unload')
        // Ollama answers `done_reason: "unload"` whether or not a runner was there (routes.go ChatHandler), so whether
        // something was unloaded is what the listing just said; the request is sent anyway, in case it loaded since.
        await client.unload(info.name)
        announce()
        return { unloaded: info.runningContext !== null }
      }),
    'models:details': async ({ model }) => {
      const { listed, shown } = await held(({ catalog }) => catalog.details(model))
      if (shown === null)
        throw new AppFailure('OLLAMA_ERROR', `Ollama did not describe ${shortModelName(listed.name)}; try again.`)
      return {
        name: listed.name,
        ...shown.text,
        parentModel: shown.text.parentModel ?? (listed.parentModel === '' ? null : listed.parentModel),
        capabilities: capabilitiesOf(listed, shown),
        family: listed.family ?? shown.family,
        parameterSize: listed.parameterSize ?? shown.parameterSize,
        quantization: listed.quantization ?? shown.quantization,
        format: listed.format ?? shown.text.format,
        modifiedAt: shown.text.modifiedAt ?? listed.modifiedAt,
      }
    },
    'tempModels:list': async () => ({ tempModels: await held(({ housekeeping }) => housekeeping.list()) }),
    'tempModels:cleanup': async () => {
      const report = await held(({ tempModels }) => tempModels.cleanupUnusedTempModels())
      announce()
      return report
    },
    'tempModels:removeAll': async () => {
      const report = await held(({ housekeeping }) => housekeeping.removeAll())
      announce()
      return report
    },
  }
}
