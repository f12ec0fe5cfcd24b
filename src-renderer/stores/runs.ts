import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { ProfileRun, RunReport, RuntimeHistory } from '../../src-main/api/contract'
import { useApiClient } from './api'

export const useRunsStore = defineStore('runs', () => {
  const api = useApiClient()
  const runs = ref<ProfileRun[]>([])
  const error = ref<string | null>(null)
  const reports = ref<Record<number, RunReport>>({})
  const history = ref<RuntimeHistory | null>(null)

  async function loadReport(runId: number): Promise<RunReport | null> {
    try {
      const report = await api.call('profiles.report', { runId })
      reports.value = { ...reports.value, [runId]: report }
      error.value = null
      return report
    } catch (err) {
      error.value = err instanceof Error ? err.message : String(err)
      return null
    }
  }

  /** Selection history, optionally between two dates (YYYY-MM-DD, whole days) and for one camera. */
  async function loadHistory(filter: { from?: string; to?: string; cameraId?: string }): Promise<void> {
    try {
      history.value = await api.call('runtime.history', {
        ...(filter.from ? { since: new Date(`${filter.from}T00:00:00`).toISOString() } : {}),
        ...(filter.to ? { until: new Date(`${filter.to}T23:59:59.999`).toISOString() } : {}),
        ...(filter.cameraId ? { cameraId: filter.cameraId } : {})
      })
      error.value = null
    } catch (err) {
      error.value = err instanceof Error ? err.message : String(err)
    }
  }

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
  return { runs, error, reports, history, refresh, cancel, loadReport, loadHistory }
})
