// The engine's journal: every notable happening and every operator note, persisted and published.
import type { EventLevel, JournalEntry, JournalPage, ListJournal } from '../api/contract'
import type { EventBus } from '../api/event-bus'
import type { Clock } from '../app/clock'
import type { JournalRepo } from '../store/journal-repo'

export class Journal {
  constructor(
    private readonly repo: JournalRepo,
    private readonly bus: EventBus,
    private readonly clock: Clock
  ) {}

  record(level: EventLevel, source: string, message: string, details?: Record<string, unknown>): JournalEntry {
    const entry = this.repo.append({ at: this.clock.now().toISOString(), level, source, message, details })
    this.bus.publish('journal.appended', entry)
    return entry
  }

  info(source: string, message: string, details?: Record<string, unknown>): JournalEntry {
    return this.record('info', source, message, details)
  }

  error(source: string, message: string, details?: Record<string, unknown>): JournalEntry {
    return this.record('error', source, message, details)
  }

  list(query: ListJournal): JournalPage {
    return this.repo.list(query)
  }
}
