// Pinia stores over the typed client, with a real engine behind an in-process transport.
import { describe, expect, it, vi } from 'vitest'
import type { RuntimeState } from '../../../src-main/api/contract'
import { HEARTBEAT_HISTORY, useSystemStore } from '../../../src-renderer/stores/system'
import { useJournalStore } from '../../../src-renderer/stores/journal'
import { useModelsStore } from '../../../src-renderer/stores/models'
import { useRunsStore } from '../../../src-renderer/stores/runs'
import { useRuntimeStore } from '../../../src-renderer/stores/runtime'
import { sample } from '../../support/samples'
import { useStoreApp } from '../../support/store-app'

const world = useStoreApp()
const inApp = <T>(fn: () => T): T => world.inApp(fn)

describe('system store', () => {
  it('loads the engine identity and keeps a bounded heartbeat history', async () => {
    const system = inApp(() => useSystemStore())
    expect(system.connection).toBe('open')
    await system.load()
    expect(system.info?.dataDir).toBe(world.dataDir)
    for (let i = 0; i < HEARTBEAT_HISTORY + 5; i++) {
      world.engine.bus.publish('system.heartbeat', { at: new Date(i * 1000).toISOString(), uptimeSeconds: i, rssBytes: 1e6 + i })
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
    world.engine.journal.info('cameras', 'camera 3 live')
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
    const started = await world.engine.profiler.start({ videos: [sample('classroom.gif')], models: ['faces'], every: 9 })
    await vi.waitFor(() => expect(runs.runs.find((r) => r.id === started.id)?.status).toBe('done'), { timeout: 30_000 })
    expect(runs.runs[0]).toMatchObject({ frames: 5, done: 5, total: 5 })
  }, 40_000)
})

const state = (over: Partial<RuntimeState>): RuntimeState => ({
  status: 'running', cameraId: 'cam', runId: 1, linksRunId: 1, retraining: false, costType: 'memory', selector: 'exact', budget: 100, minimumBudget: 10, used: 50,
  active: ['a'], expectedAccuracy: 0.9, frames: 1, rounds: 0, error: null,
  models: [
    { id: 'a', activation: 'exact', cost: 40, linkCost: 0, expected: 1, sources: [], liveAccuracy: null },
    { id: 'b', activation: 'predicted', cost: 60, linkCost: 1, expected: 0.8, sources: ['a'], liveAccuracy: null }
  ],
  ...over
})


describe('runtime store', () => {
  it('builds the timeline from state events, marks budget changes, re-selections and retraining', () => {
    const runtime = inApp(() => useRuntimeStore())
    world.engine.bus.publish('runtime.state', state({}))
    world.engine.bus.publish('runtime.state', state({ budget: 60, active: ['a'], expectedAccuracy: 0.85 }))
    world.engine.bus.publish('runtime.state', state({ budget: 60, active: ['b'], expectedAccuracy: 0.8 }))
    world.engine.bus.publish('runtime.state', state({ budget: 60, active: ['b'], expectedAccuracy: 0.8, linksRunId: 2, models: state({}).models.map((m) => ({ ...m, liveAccuracy: m.id === 'b' ? 0.7 : null })) }))
    expect(runtime.running).toBe(true)
    expect(runtime.markers.map((m) => m.label)).toEqual(['budget', 're-selection', 'links retrained'])
    expect(runtime.timeline.map((p) => p.expected)).toEqual([0.9, 0.85, 0.8, 0.8])
    expect(runtime.timeline.at(-1)!.live).toEqual({ a: null, b: 0.7 })
  })

  it("keeps the engine's refusal as the store's error", async () => {
    const runtime = inApp(() => useRuntimeStore())
    await runtime.start({ cameraId: 'nope', runId: 1, budget: 1 })
    expect(runtime.error).toContain("No camera 'nope'")
    expect(runtime.running).toBe(false)
  })
})
