import type { Db } from './database'
import type { EventLevel, JournalEntry, JournalPage, ListJournal } from '../api/contract'

interface Row {
  id: number
  at: string
  level: EventLevel
  source: string
  message: string
  details: string | null
}

const DEFAULT_LIMIT = 50

export class JournalRepo {
  private readonly insert
  constructor(private readonly db: Db) {
    this.insert = db.prepare(
      'INSERT INTO journal (at, level, source, message, details) VALUES (@at, @level, @source, @message, @details)'
    )
  }

  append(entry: Omit<JournalEntry, 'id'>): JournalEntry {
    const details = entry.details === undefined ? null : JSON.stringify(entry.details)
    const { lastInsertRowid } = this.insert.run({ ...entry, details })
    return { ...entry, id: Number(lastInsertRowid) }
  }

  list(query: ListJournal): JournalPage {
    const limit = query.limit ?? DEFAULT_LIMIT
    const where: string[] = []
    const args: Record<string, unknown> = { limit: limit + 1 }
    if (query.beforeId !== undefined) (where.push('id < @beforeId'), (args.beforeId = query.beforeId))
    if (query.level !== undefined) (where.push('level = @level'), (args.level = query.level))
    if (query.source !== undefined) (where.push('source = @source'), (args.source = query.source))
    const sql = `SELECT * FROM journal ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY id DESC LIMIT @limit`
    const rows = this.db.prepare(sql).all(args) as Row[]
    const page = rows.slice(0, limit).map(toEntry)
    const last = page.at(-1)
    return { items: page, nextBeforeId: rows.length > limit && last ? last.id : null }
  }
}

function toEntry(row: Row): JournalEntry {
  const entry: JournalEntry = { id: row.id, at: row.at, level: row.level, source: row.source, message: row.message }
  if (row.details !== null) entry.details = JSON.parse(row.details) as Record<string, unknown>
  return entry
}
