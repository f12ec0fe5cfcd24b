// Applies numbered migrations once each, in order, each in its own transaction.
import type { Database } from 'better-sqlite3'

export interface Migration {
  version: number
  name: string
  sql: string
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
    db.transaction(() => {
      db.exec(m.sql)
      record.run(m.version, m.name, new Date().toISOString())
    })()
  }
  return (db.prepare('SELECT MAX(version) FROM schema_migrations').pluck().get() as number | null) ?? 0
}
