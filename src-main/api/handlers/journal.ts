import type { Journal } from '../../journal/journal'
import type { Handlers } from '../router'

export function journalHandlers(journal: Journal): Pick<Handlers, 'journal.list' | 'journal.note'> {
  return {
    'journal.list': async (p) => journal.list(p),
    'journal.note': async (p) => journal.record(p.level ?? 'info', 'operator', p.message)
  }
}
