import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { CurvePoint, FractionStudy, LinkMatrix, ProfileRun, TrainingProgress } from '../../src-main/api/contract'
import { useApiClient } from './api'

export const useLinksStore = defineStore('links', () => {
  const api = useApiClient()
  const runs = ref<ProfileRun[]>([])
  const selected = ref<number | null>(null)
  const matrix = ref<LinkMatrix | null>(null)
  const progress = ref<TrainingProgress | null>(null)
  const training = ref(false)
  const error = ref<string | null>(null)
  /** Loss curves per target while a training runs (the stored ones come with the matrix). */
  const liveCurves = ref<Record<string, CurvePoint[]>>({})
  const study = ref<FractionStudy | null>(null)

  async function studyFractions(): Promise<void> {
    if (selected.value === null) return
    error.value = null
    try {
      study.value = await api.call('links.studyFractions', { runId: selected.value })
    } catch (err) {
      error.value = err instanceof Error ? err.message : String(err)
    }
  }

  async function refreshRuns(): Promise<void> {
    try {
      runs.value = (await api.call('profiles.list', {})).runs
      selected.value ??= runs.value.find((r) => r.status === 'done')?.id ?? null
      if (selected.value !== null) await loadMatrix(selected.value)
    } catch (err) {
      error.value = err instanceof Error ? err.message : String(err)
    }
  }

  async function loadMatrix(runId: number): Promise<void> {
    selected.value = runId
    error.value = null
    try {
      matrix.value = await api.call('links.matrix', { runId })
    } catch (err) {
      matrix.value = null
      // A run without links yet is normal: the page offers to train them.
      if (!(err instanceof Error && err.message.startsWith('No links trained'))) error.value = err instanceof Error ? err.message : String(err)
    }
  }

  async function train(epochs?: number): Promise<void> {
    if (selected.value === null) return
    error.value = null
    try {
      await api.call('links.train', { runId: selected.value, ...(epochs ? { epochs } : {}) })
      training.value = true
      progress.value = null
      liveCurves.value = {}
    } catch (err) {
      error.value = err instanceof Error ? err.message : String(err)
    }
  }

  async function cancel(): Promise<void> {
    if (selected.value !== null) await api.call('links.cancel', { runId: selected.value }).catch(() => undefined)
  }

  api.on('links.progress', (p) => {
    if (p.runId !== selected.value) return
    training.value = true
    progress.value = p
    liveCurves.value = { ...liveCurves.value, [p.target]: [...(liveCurves.value[p.target] ?? []).filter((c) => c.epoch < p.epoch), { epoch: p.epoch, loss: p.loss, validationLoss: p.validationLoss, links: p.links ?? [] }] }
  })
  api.on('links.fractions', (s) => {
    if (s.runId !== selected.value) return
    study.value = s
    if (s.status === 'done') void loadMatrix(s.runId)
  })
  api.on('links.trained', (t) => {
    if (t.runId !== selected.value) return
    training.value = false
    if (t.status === 'failed') error.value = t.error
    void loadMatrix(t.runId)
  })
  api.on('profiles.changed', () => void refreshRuns())

  /** 0..1 over all targets and epochs. */
  const fraction = computed(() => (progress.value ? (progress.value.targetsDone + progress.value.epoch / progress.value.epochs) / progress.value.targets : 0))
  /** Stored curves, overlaid by the live ones of a training in progress. */
  const curves = computed<Record<string, CurvePoint[]>>(() => ({ ...Object.fromEntries((matrix.value?.targets ?? []).map((t) => [t.target, t.curve])), ...liveCurves.value }))
  return { runs, selected, matrix, progress, training, error, fraction, curves, study, refreshRuns, loadMatrix, train, cancel, studyFractions }
})
