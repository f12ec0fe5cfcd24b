// Pinia stores over the typed client, with a real engine behind an in-process transport.
import { createPinia, setActivePinia } from 'pinia'
import { createApp } from 'vue'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Engine } from '../../../src-main/app/compose'
import { ApiClient } from '../../../src-renderer/api/client'
import { apiKey } from '../../../src-renderer/stores/api'
import { HEARTBEAT_HISTORY, useSystemStore } from '../../../src-renderer/stores/system'
import { useJournalStore } from '../../../src-renderer/stores/journal'
import { useModelsStore } from '../../../src-renderer/stores/models'
import { useRunsStore } from '../../../src-renderer/stores/runs'
import { sample } from '../../support/samples'
import { startTestEngine } from '../../support/engine'
import { InProcessTransport } from '../../support/in-process-transport'

let engine: Engine
let dataDir: string
let stop: () => Promise<void>
let app: ReturnType<typeof createApp>

beforeEach(async () => {
  ;({ engine, dataDir, stop } = await startTestEngine())
  app = createApp({})
  app.provide(apiKey, new ApiClient(new InProcessTransport(engine)))
  const pinia = createPinia()
  app.use(pinia)
  setActivePinia(pinia)
})
afterEach(async () => stop())

const inApp = <T>(fn: () => T): T => app.runWithContext(fn)

describe('system store', () => {
  it('loads the engine identity and keeps a bounded heartbeat history', async () => {
    const system = inApp(() => useSystemStore())
    expect(system.connection).toBe('open')
    await system.load()
    expect(system.info?.dataDir).toBe(dataDir)
    for (let i = 0; i < HEARTBEAT_HISTORY + 5; i++) {
      engine.bus.publish('system.heartbeat', { at: new Date(i * 1000).toISOString(), uptimeSeconds: i, rssBytes: 1e6 + i })
    }
    expect(system.heartbeats).toHaveLength(HEARTBEAT_HISTORY)
    expect(system.lastHeartbeat?.uptimeSeconds).toBe(HEARTBEAT_HISTORY + 4)
  })
})

describe('journal store', () => {
  it('shows notes once, whether they arrive by reply or by event', async () => {
    const journal = inApp(() => useJournalStore())
    await journal.load()
    const started = journal.entries.length
    expect(await journal.addNote('door sensor replaced')).toBeNull()
    engine.journal.info('cameras', 'camera 3 live')
    expect(journal.entries.map((e) => e.message).slice(0, 2)).toEqual(['camera 3 live', 'door sensor replaced'])
    expect(journal.entries).toHaveLength(started + 2)
  })

  it('returns the engine’s validation message for a bad note and adds nothing', async () => {
    const journal = inApp(() => useJournalStore())
    await journal.load()
    const before = journal.entries.length
    expect(await journal.addNote('   ')).toContain('a note needs some text')
    expect(journal.entries).toHaveLength(before)
  })
})

describe('models store', () => {
  it('lists the zoo, follows a load through events, and keeps per-model errors', async () => {
    const models = inApp(() => useModelsStore())
    await models.refresh()
    expect(models.models.map((m) => m.id)).toContain('faces')
    const loading = models.act('faces', 'load')
    expect(models.pending.faces).toBe('load')
    await loading
    expect(models.pending.faces).toBeUndefined()
    expect(models.models.find((m) => m.id === 'faces')?.status.state).toBe('ready')
    expect(models.running.map((m) => m.id)).toEqual(['faces'])
    await models.act('faces', 'unload')
    expect(models.models.find((m) => m.id === 'faces')?.status).toMatchObject({ state: 'exited', pid: null })
    await models.act('ghost', 'load')
    expect(models.errors.ghost).toContain("Model 'ghost': no such model")
  })
})

describe('runs store', () => {
  it('lists profiling runs and follows one to its end through events', async () => {
    const runs = inApp(() => useRunsStore())
    await runs.refresh()
    expect(runs.runs).toEqual([])
    const started = await engine.profiler.start({ videos: [sample('classroom.gif')], models: ['faces'], every: 9 })
    await vi.waitFor(() => expect(runs.runs.find((r) => r.id === started.id)?.status).toBe('done'), { timeout: 30_000 })
    expect(runs.runs[0]).toMatchObject({ frames: 5, done: 5, total: 5 })
  }, 40_000)
})
