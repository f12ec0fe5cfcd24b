// Pinia stores under test: a Vue app whose API client talks to a real engine through an
// in-process transport. Registers its own beforeEach/afterEach (a fresh engine per test).
import { createPinia, setActivePinia } from 'pinia'
import { createApp } from 'vue'
import { afterEach, beforeEach } from 'vitest'
import type { Engine } from '../../src-main/app/compose'
import { ApiClient } from '../../src-renderer/api/client'
import { apiKey } from '../../src-renderer/stores/api'
import { startTestEngine } from './engine'
import { InProcessTransport } from './in-process-transport'

export interface StoreApp {
  engine: Engine
  dataDir: string
  /** Runs `fn` inside the app, where stores can be used. */
  inApp<T>(fn: () => T): T
}

export function useStoreApp(): StoreApp {
  let stop: () => Promise<void>
  let app: ReturnType<typeof createApp>
  const world = { inApp: <T>(fn: () => T): T => app.runWithContext(fn) } as StoreApp
  beforeEach(async () => {
    const started = await startTestEngine()
    world.engine = started.engine
    world.dataDir = started.dataDir
    stop = started.stop
    app = createApp({})
    app.provide(apiKey, new ApiClient(new InProcessTransport(started.engine)))
    const pinia = createPinia()
    app.use(pinia)
    setActivePinia(pinia)
  })
  afterEach(async () => stop())
  return world
}
