import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { EventLevel, JournalEntry } from '../../src-main/api/contract'
import { useApiClient } from './api'

/** Entries kept on screen; older ones are a `journal.list` page away. */
export const JOURNAL_WINDOW = 200

export const useJournalStore = defineStore('journal', () => {
  const api = useApiClient()
  const entries = ref<JournalEntry[]>([])
  const loading = ref(false)
  const error = ref<string | null>(null)

  function merge(incoming: JournalEntry[]): void {
    const byId = new Map(entries.value.map((e) => [e.id, e]))
    for (const e of incoming) byId.set(e.id, e)
    entries.value = [...byId.values()].sort((a, b) => b.id - a.id).slice(0, JOURNAL_WINDOW)
  }

  async function load(): Promise<void> {
    loading.value = true
    try {
      merge((await api.call('journal.list', { limit: 100 })).items)
      error.value = null
    } catch (err) {
      error.value = err instanceof Error ? err.message : String(err)
    } finally {
      loading.value = false
    }
  }

  /** Resolves to an error message, or null when the note was written. */
  async function addNote(message: string, level: EventLevel = 'info'): Promise<string | null> {
    try {
      merge([await api.call('journal.note', { message, level })])
      return null
    } catch (err) {
      return err instanceof Error ? err.message : String(err)
    }
  }

  api.on('journal.appended', (entry) => merge([entry]))
  // Entries written while the connection was down arrive with a reload after it comes back.
  let wasDown = false
  api.transport.onConnection((state) => {
    if (state === 'open' && wasDown) void load()
    wasDown = state !== 'open'
  })
  return { entries, loading, error, load, addNote }
})
