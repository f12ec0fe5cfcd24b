import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { Heartbeat, SystemInfo } from '../../src-main/api/contract'
import type { ConnectionState } from '../api/transport'
import { useApiClient } from './api'

/** How many heartbeats the memory sparkline keeps (5 s apart: ten minutes). */
export const HEARTBEAT_HISTORY = 120

export const useSystemStore = defineStore('system', () => {
  const api = useApiClient()
  const info = ref<SystemInfo | null>(null)
  const connection = ref<ConnectionState>('connecting')
  const heartbeats = ref<Heartbeat[]>([])
  const error = ref<string | null>(null)
  const transport = api.transport.kind

  async function load(): Promise<void> {
    try {
      info.value = await api.call('system.info', {})
      error.value = null
    } catch (err) {
      error.value = err instanceof Error ? err.message : String(err)
    }
  }

  api.transport.onConnection((state) => {
    const wasDown = connection.value !== 'open'
    connection.value = state
    // After a reconnect the engine may have restarted: read its identity again.
    if (state === 'open' && wasDown) void load()
  })
  api.on('system.heartbeat', (beat) => {
    heartbeats.value = [...heartbeats.value.slice(-(HEARTBEAT_HISTORY - 1)), beat]
  })

  const lastHeartbeat = computed(() => heartbeats.value.at(-1) ?? null)
  return { info, connection, heartbeats, lastHeartbeat, error, transport, load }
})
