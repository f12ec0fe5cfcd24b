import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { ModelSummary, RegisterModel } from '../../src-main/api/contract'
import { useApiClient } from './api'

/** What the operator asked of a model that has not finished yet. */
export type PendingAction = 'load' | 'unload' | 'cost'

export const useModelsStore = defineStore('models', () => {
  const api = useApiClient()
  const models = ref<ModelSummary[]>([])
  const pending = ref<Record<string, PendingAction>>({})
  const errors = ref<Record<string, string>>({})
  const loadError = ref<string | null>(null)

  function upsert(summary: ModelSummary): void {
    const i = models.value.findIndex((m) => m.id === summary.id)
    if (i >= 0) models.value.splice(i, 1, summary)
    else models.value.push(summary)
  }

  async function refresh(): Promise<void> {
    try {
      models.value = (await api.call('models.list', {})).models
      loadError.value = null
    } catch (err) {
      loadError.value = err instanceof Error ? err.message : String(err)
    }
  }

  async function act(modelId: string, action: PendingAction): Promise<void> {
    pending.value = { ...pending.value, [modelId]: action }
    const { [modelId]: _, ...rest } = errors.value
    errors.value = rest
    try {
      if (action === 'load') upsert(await api.call('models.load', { modelId }))
      if (action === 'unload') upsert(await api.call('models.unload', { modelId }))
      if (action === 'cost') await api.call('models.profileCost', { modelId })
    } catch (err) {
      errors.value = { ...errors.value, [modelId]: err instanceof Error ? err.message : String(err) }
    } finally {
      const { [modelId]: __, ...others } = pending.value
      pending.value = others
    }
  }

  async function setEnabled(modelId: string, enabled: boolean): Promise<void> {
    try {
      upsert(await api.call('models.setEnabled', { modelId, enabled }))
    } catch (err) {
      errors.value = { ...errors.value, [modelId]: err instanceof Error ? err.message : String(err) }
    }
  }

  /** Registers a user model; resolves to the engine's refusal (null when it was added). */
  async function register(params: RegisterModel): Promise<string | null> {
    try {
      upsert(await api.call('models.register', params))
      return null
    } catch (err) {
      return err instanceof Error ? err.message : String(err)
    }
  }

  async function remove(modelId: string): Promise<void> {
    try {
      await api.call('models.remove', { modelId })
      models.value = models.value.filter((m) => m.id !== modelId)
    } catch (err) {
      errors.value = { ...errors.value, [modelId]: err instanceof Error ? err.message : String(err) }
    }
  }

  api.on('models.changed', upsert)
  let wasDown = false
  api.transport.onConnection((state) => {
    if (state === 'open' && wasDown) void refresh()
    wasDown = state !== 'open'
  })

  const running = computed(() => models.value.filter((m) => m.status.pid !== null))
  return { models, pending, errors, loadError, running, refresh, act, setEnabled, register, remove }
})
