// Applies numbered migrations once each, in order, each in its own transaction.
import type { Database } from 'better-sqlite3'

export interface Migration {
  version: number
  name: string
  sql: string
  /**
   * Rebuilds a table other tables point at: foreign keys are switched off around the transaction
   * (SQLite ignores the switch inside one) and checked before it commits.
   */
  rebuildsTables?: boolean
}

export function applyMigrations(db: Database, list: readonly Migration[]): number {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
  )`)
  const applied = new Set(
    db.prepare('SELECT version FROM schema_migrations').pluck().all() as number[]
  )
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)')
  const ordered = [...list].sort((a, b) => a.version - b.version)
  for (const m of ordered) {
    if (applied.has(m.version)) continue
    if (m.rebuildsTables) db.pragma('foreign_keys = OFF')
    try {
      db.transaction(() => {
        db.exec(m.sql)
        if (m.rebuildsTables && (db.pragma('foreign_key_check') as unknown[]).length > 0) {
          throw new Error(`migration ${m.version} (${m.name}) left rows pointing at missing rows`)
        }
        record.run(m.version, m.name, new Date().toISOString())
      })()
    } finally {
      if (m.rebuildsTables) db.pragma('foreign_keys = ON')
    }
  }
  return (db.prepare('SELECT MAX(version) FROM schema_migrations').pluck().get() as number | null) ?? 0
}
