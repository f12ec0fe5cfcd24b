import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { BudgetPreview, RuntimeFrame, RuntimeState, StartRuntime } from '../../src-main/api/contract'
import { useApiClient } from './api'

/** One point of the accuracy timeline: expected average accuracy and each model's live accuracy. */
export interface TimelinePoint {
  at: number
  expected: number
  live: Record<string, number | null>
}

/** A moment worth marking on the timeline. */
export interface TimelineMarker {
  at: number
  label: string
}

const KEEP = 600

export const useRuntimeStore = defineStore('runtime', () => {
  const api = useApiClient()
  const state = ref<RuntimeState | null>(null)
  const lastFrame = ref<RuntimeFrame | null>(null)
  const preview = ref<BudgetPreview | null>(null)
  const timeline = ref<TimelinePoint[]>([])
  const markers = ref<TimelineMarker[]>([])
  const error = ref<string | null>(null)
  const busy = ref(false)

  const running = computed(() => state.value?.status === 'running')

  function accept(next: RuntimeState): void {
    const prev = state.value
    state.value = next
    if (next.status !== 'running') return
    const at = Date.now()
    if (prev?.status === 'running') {
      if (prev.budget !== next.budget) markers.value.push({ at, label: 'budget' })
      else if (prev.active.join() !== next.active.join()) markers.value.push({ at, label: 're-selection' })
      if (prev.linksRunId !== next.linksRunId) markers.value.push({ at, label: 'links retrained' })
    }
    const live = Object.fromEntries(next.models.map((m) => [m.id, m.liveAccuracy]))
    const last = timeline.value.at(-1)
    if (!last || last.expected !== next.expectedAccuracy || JSON.stringify(last.live) !== JSON.stringify(live)) {
      timeline.value.push({ at, expected: next.expectedAccuracy, live })
      if (timeline.value.length > KEEP) timeline.value.splice(0, timeline.value.length - KEEP)
    }
  }

  async function guarded<T>(fn: () => Promise<T>): Promise<T | undefined> {
    busy.value = true
    error.value = null
    try {
      return await fn()
    } catch (err) {
      error.value = err instanceof Error ? err.message : String(err)
      return undefined
    } finally {
      busy.value = false
    }
  }

  async function refresh(): Promise<void> {
    await guarded(async () => accept(await api.call('runtime.state', {})))
  }

  async function start(params: StartRuntime): Promise<void> {
    await guarded(async () => {
      timeline.value = []
      markers.value = []
      accept(await api.call('runtime.start', params))
    })
  }

  async function stop(): Promise<void> {
    await guarded(async () => accept(await api.call('runtime.stop', {})))
  }

  async function previewBudget(budget: number): Promise<void> {
    if (!running.value || !(budget > 0)) return
    try {
      preview.value = await api.call('runtime.preview', { budget })
    } catch (err) {
      error.value = err instanceof Error ? err.message : String(err)
    }
  }

  async function applyBudget(budget: number): Promise<void> {
    await guarded(async () => accept(await api.call('runtime.setBudget', { budget })))
  }

  api.on('runtime.state', accept)
  /** Arrival times of the last frames, for the processed frames per second. */
  const arrivals: number[] = []
  const fps = ref(0)
  api.on('runtime.frame', (f) => {
    lastFrame.value = f
    const now = Date.now()
    arrivals.push(now)
    while (arrivals.length > 1 && now - arrivals[0]! > 10_000) arrivals.shift()
    fps.value = arrivals.length > 1 ? ((arrivals.length - 1) * 1000) / (now - arrivals[0]!) : 0
  })
  return { state, lastFrame, fps, preview, timeline, markers, error, busy, running, refresh, start, stop, previewBudget, applyBudget }
})
