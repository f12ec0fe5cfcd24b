import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { Camera, CameraSettings, ProbeResult, ProbeSettings, Snapshot } from '../../src-main/api/contract'
import { useApiClient } from './api'

export const useCamerasStore = defineStore('cameras', () => {
  const api = useApiClient()
  const cameras = ref<Camera[]>([])
  const error = ref<string | null>(null)
  /** The latest snapshot fetched per camera, shared by every picture of it. */
  const snapshots = ref<Record<string, Snapshot>>({})
  const fetchedAt: Record<string, number> = {}

  /** Fetches the camera's latest frame unless one was fetched less than `maxAgeMs` ago (callers call it on events). */
  async function refreshSnapshot(cameraId: string, maxAgeMs: number): Promise<void> {
    if (Date.now() - (fetchedAt[cameraId] ?? 0) < maxAgeMs) return
    fetchedAt[cameraId] = Date.now()
    try {
      snapshots.value = { ...snapshots.value, [cameraId]: await api.call('cameras.snapshot', { cameraId }) }
    } catch {
      // No frame yet (or the camera just went): the previous picture stays.
    }
  }

  function upsert(camera: Camera): void {
    const i = cameras.value.findIndex((c) => c.id === camera.id)
    if (i >= 0) cameras.value.splice(i, 1, camera)
    else cameras.value.push(camera)
  }

  async function refresh(): Promise<void> {
    try {
      cameras.value = (await api.call('cameras.list', {})).cameras
      error.value = null
    } catch (err) {
      error.value = message(err)
    }
  }

  /** Resolves with the probe, or rejects with the engine's message. */
  function probe(settings: ProbeSettings): Promise<ProbeResult> {
    return api.call('cameras.probe', settings)
  }

  async function attach(settings: CameraSettings): Promise<Camera> {
    const camera = await api.call('cameras.attach', settings)
    upsert(camera)
    return camera
  }

  async function detach(cameraId: string): Promise<void> {
    await api.call('cameras.detach', { cameraId })
    cameras.value = cameras.value.filter((c) => c.id !== cameraId)
  }

  api.on('cameras.changed', upsert)
  api.on('cameras.removed', ({ cameraId }) => (cameras.value = cameras.value.filter((c) => c.id !== cameraId)))
  let wasDown = false
  api.transport.onConnection((state) => {
    if (state === 'open' && wasDown) void refresh()
    wasDown = state !== 'open'
  })
  return { cameras, error, snapshots, refresh, refreshSnapshot, probe, attach, detach }
})

export function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}
