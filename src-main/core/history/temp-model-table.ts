import type { NumCtx } from '../../../src-shared/num-ctx'
import type { HostTempModelRegistry, TempModelRecord, TempModelRegistry } from '../models/temp-model-registry'
import { isTempModelRecord } from '../models/temp-model-registry'
import type { HistoryDatabase } from './database'

interface TempModelRow {
  host: string
  path: string
  base_model: string
  base_digest: string
  num_ctx: number
  created_at: string
  last_used_at: string | null
}

const toRecord = (row: TempModelRow): TempModelRecord => ({
  host: row.host,
  path: row.path,
  baseModel: row.base_model,
  baseDigest: row.base_digest,
  // Rows are written only by `set`, which admits a record only through its schema (`isTempModelRecord`).
  numCtx: row.num_ctx as NumCtx,
  createdAt: row.created_at,
  lastUsedAt: row.last_used_at,
})

/**
 * The temporary models ollmchat made, per Ollama host, in the history database (`temp_models`): machine state that
 * must survive restarts, kept beside the conversations rather than in the settings a person edits. Paths compare
 * in lower case, as Ollama compares model names.
 */
export function createTempModelTable(db: HistoryDatabase): TempModelRegistry {
  const getStatement = db.prepare<[string, string], TempModelRow>(
    'SELECT * FROM temp_models WHERE host = ? AND path_key = ?',
  )
  const allStatement = db.prepare<[string], TempModelRow>(
    'SELECT * FROM temp_models WHERE host = ? ORDER BY created_at',
  )
  const hostsStatement = db.prepare<[], { host: string }>('SELECT DISTINCT host FROM temp_models ORDER BY host')
  const upsertStatement = db.prepare(
    `INSERT INTO temp_models (host, path_key, path, base_model, base_digest, num_ctx, created_at, last_used_at)
     VALUES (@host, @pathKey, @path, @baseModel, @baseDigest, @numCtx, @createdAt, @lastUsedAt)
     ON CONFLICT (host, path_key) DO UPDATE SET path = @path, base_model = @baseModel, base_digest = @baseDigest,
       num_ctx = @numCtx, created_at = @createdAt, last_used_at = coalesce(@lastUsedAt, last_used_at)`,
  )
  const deleteStatement = db.prepare('DELETE FROM temp_models WHERE host = ? AND path_key = ?')
  const touchStatement = db.prepare('UPDATE temp_models SET last_used_at = ? WHERE host = ? AND path_key = ?')

  const forHost = (host: string): HostTempModelRegistry => ({
    host,
    get(path) {
      const row = getStatement.get(host, path.toLowerCase())
      return row === undefined ? undefined : toRecord(row)
    },
    set(record) {
      const full = { ...record, host }
      if (!isTempModelRecord(full))
        throw new TypeError(`Not a complete temporary model record: ${JSON.stringify(record)}`)
      upsertStatement.run({ ...full, pathKey: full.path.toLowerCase(), lastUsedAt: full.lastUsedAt ?? null })
    },
    delete(path) {
      deleteStatement.run(host, path.toLowerCase())
    },
    all: () => allStatement.all(host).map(toRecord),
    touch(path, at) {
      touchStatement.run(at, host, path.toLowerCase())
    },
  })

  return { forHost, hosts: () => hostsStatement.all().map((row) => row.host) }
}
