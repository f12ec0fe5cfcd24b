import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { ProfileRun } from '../../src-main/api/contract'
import { useApiClient } from './api'

export const useRunsStore = defineStore('runs', () => {
  const api = useApiClient()
  const runs = ref<ProfileRun[]>([])
  const error = ref<string | null>(null)

  function upsert(run: ProfileRun): void {
    const i = runs.value.findIndex((r) => r.id === run.id)
    if (i >= 0) runs.value.splice(i, 1, run)
    else runs.value.unshift(run)
  }

  async function refresh(): Promise<void> {
    try {
      runs.value = (await api.call('profiles.list', { limit: 200 })).runs
      error.value = null
    } catch (err) {
      error.value = err instanceof Error ? err.message : String(err)
    }
  }

  async function cancel(runId: number): Promise<void> {
    try {
      await api.call('profiles.cancel', { runId })
    } catch (err) {
      error.value = err instanceof Error ? err.message : String(err)
    }
  }

  api.on('profiles.changed', upsert)
  api.on('profiles.progress', (p) => {
    const run = runs.value.find((r) => r.id === p.runId)
    if (run) upsert({ ...run, done: p.done, total: p.total })
  })
  return { runs, error, refresh, cancel }
})
