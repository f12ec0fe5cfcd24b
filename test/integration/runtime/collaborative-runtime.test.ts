// The collaborative runtime on a real file camera with real models and links trained on real
// footage: a budget change mid-stream unloads and loads model processes, the memory in use (the
// accounted figure, and the real resident memory of the model processes) never exceeds the
// budget, outputs keep flowing labelled exact or predicted, and a kill -9 of an active model's
// worker turns its outputs into predictions until it is back.
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Camera, ProfileRun, RuntimeFrame, RuntimeState } from '../../../src-main/api/contract'
import type { Engine } from '../../../src-main/app/compose'
import { RuntimeRepo } from '../../../src-main/store/runtime-repo'
import { processMemory } from '../../../src-main/models/cost-probe'
import { measureCosts, nextEvent, startTestEngine, trainedRun } from '../../support/engine'
import { sample } from '../../support/samples'

const MODELS = ['faces', 'face-gender', 'person-pose']
let engine: Engine
let stop: () => Promise<void>
let runId: number
let camera: Camera

const workerPids = (): number[] => engine.models.loadedIds().flatMap((id) => engine.models.instance(id)?.status().pid ?? [])

/**
 * Watches memory against `budget()` at every runtime state and frame event: the accounted figure,
 * and the resident memory of the model processes. Returns what went over, and how to stop watching.
 */
function watchBudget(budget: () => number): { over: string[]; check: () => void; stop: () => void } {
  const over: string[] = []
  const check = (): void => {
    const s = engine.runtime.state()
    if (s.status !== 'running') return
    if (s.used > budget()) over.push(`accounted ${s.used} > ${budget()}`)
    const resident = workerPids().reduce((n, pid) => n + (processMemory(pid)?.rssBytes ?? 0), 0)
    if (resident > budget()) over.push(`resident ${resident} > ${budget()}`)
  }
  const offs = [engine.bus.subscribe('runtime.state', check), engine.bus.subscribe('runtime.frame', check)]
  return { over, check, stop: () => offs.forEach((off) => off()) }
}

beforeAll(async () => {
  ;({ engine, stop } = await startTestEngine())
  const video = sample('face-demographics-walking.gif')
  runId = (await trainedRun(engine, { videos: [sample('classroom.gif'), video], models: MODELS, epochs: 30 })).id
  // Costs measured on the footage the camera plays, long enough for the processes' memory to settle.
  await measureCosts(engine, MODELS, video, 24, 2)
  camera = (await engine.router.call('cameras.attach', { name: 'walkway', kind: 'file', location: video, fps: 8, loop: true })) as Camera
}, 240_000)
afterAll(async () => stop())

it('follows a budget change mid-stream, never over budget, and predicts a killed model until it is back', async () => {
  const costs = new Map(MODELS.map((id) => [id, engine.models.summary(engine.models.definition(id)).cost!.memoryBytes]))
  const all = [...costs.values()].reduce((a, b) => a + b, 0)
  const full = all * 1.05
  let budget = full
  const watch = watchBudget(() => budget)
  const frames: RuntimeFrame[] = []
  const offFrames = engine.bus.subscribe('runtime.frame', (f) => frames.push(f))

  // All three fit: every output exact.
  const started = (await engine.router.call('runtime.start', { cameraId: camera.id, runId, budget: full })) as RuntimeState
  expect(started.active.sort()).toEqual([...MODELS].sort())
  const allExact = await nextEvent(engine, 'runtime.frame', (f) => Object.values(f.outputs).every((o) => o.origin === 'exact'))
  expect(Object.keys(allExact.outputs).sort()).toEqual([...MODELS].sort())

  // kill -9 of the faces worker: its outputs continue as predictions from the others, then exact again.
  const pid = engine.models.instance('faces')!.status().pid!
  process.kill(pid, 'SIGKILL')
  const predicted = await nextEvent(engine, 'runtime.frame', (f) => f.outputs['faces']?.origin === 'predicted')
  expect(predicted.outputs['faces']!.sources.length).toBeGreaterThan(0)
  expect(predicted.outputs['faces']!.sources).not.toContain('faces')
  const back = await nextEvent(engine, 'runtime.frame', (f) => f.outputs['faces']?.origin === 'exact' && f.seq > predicted.seq)
  expect(engine.models.instance('faces')!.status().pid).not.toBe(pid)
  expect(back.outputs['faces']!.expected).toBe(1)

  // A budget below the cheapest configuration is refused, saying what the minimum is.
  const min = engine.runtime.state().minimumBudget
  const refused = (await engine.router.call('runtime.setBudget', { budget: min / 2 }).catch((e: unknown) => e)) as { code: string; message: string }
  expect(refused.code).toBe('invalid_params')
  expect(refused.message).toMatch(/fits no model: the cheapest configuration .* needs \d+ MB/)

  // Down to the minimum mid-stream: processes are unloaded first, then what fits is loaded.
  const before = engine.models.loadedIds().sort()
  const preview = (await engine.router.call('runtime.preview', { budget: min })) as { active: string[]; expectedAccuracy: number }
  // While the old set is being unloaded the old budget still holds; once applied, the new one.
  const after = (await engine.router.call('runtime.setBudget', { budget: min })) as RuntimeState
  budget = min
  watch.check()
  expect(after.active).toEqual(preview.active)
  expect(after.active).toHaveLength(1)
  expect(engine.models.loadedIds()).toEqual(after.active)
  expect(engine.models.loadedIds().sort()).not.toEqual(before)
  const active = after.active[0]!
  const mixed = await nextEvent(engine, 'runtime.frame', (f) => f.outputs[active]?.origin === 'exact' && MODELS.filter((m) => m !== active).every((m) => f.outputs[m]?.origin !== 'exact'))
  for (const m of MODELS.filter((m) => m !== active)) expect(['predicted', 'prior']).toContain(mixed.outputs[m]!.origin)
  expect(after.models.find((m) => m.id === active)!.activation).toBe('exact')

  watch.stop()
  offFrames()
  await engine.router.call('runtime.stop', {})
  expect(watch.over).toEqual([])
  expect(frames.length).toBeGreaterThan(5)
  expect(engine.models.loadedIds()).toEqual([])

  // Everything the Runs page replays was written down.
  const repo = new RuntimeRepo(engine.db)
  expect(repo.selections().map((s) => s.details['reason'])).toEqual(['start', 'budget'])
  const kinds = repo.events().map((e) => e.kind)
  for (const k of ['start', 'load', 'crash', 'budget', 'unload', 'stop'] as const) expect(kinds).toContain(k)
  // The budget change unloaded first, then loaded: no load before the last unload.
  const change = kinds.slice(kinds.indexOf('budget'), kinds.indexOf('stop'))
  expect(change).toContain('unload')
  if (change.includes('load')) expect(change.indexOf('load')).toBeGreaterThan(change.lastIndexOf('unload'))
}, 180_000)

it('re-profiles within the budget: swaps models in and out on buffered frames, measures predicted-vs-exact, retrains the links on them', async () => {
  // Room for any one model, not for two: re-profiling has to swap them one at a time.
  const costs = MODELS.map((id) => engine.models.summary(engine.models.definition(id)).cost!.memoryBytes).sort((a, b) => a - b)
  const budget = costs.at(-1)! * 1.05
  expect(costs[0]! + costs[1]!).toBeGreaterThan(budget)
  const watch = watchBudget(() => budget)
  await engine.router.call('runtime.start', { cameraId: camera.id, runId, budget, reprofile: { everyFrames: 4, frames: 2, retrainEvery: 1 } })
  const measured = await nextEvent(engine, 'runtime.state', (s) => s.rounds >= 1 && s.active.length === 1 && s.models.every((m) => m.activation !== 'loading'))
  // The re-profiled frames join the training frames, the links are retrained on them, and the runtime switches over.
  const retrained = await nextEvent(engine, 'runtime.state', (s) => s.linksRunId !== runId && !s.retraining)
  const live = (await engine.router.call('profiles.get', { runId: retrained.linksRunId! })) as ProfileRun
  const base = (await engine.router.call('profiles.get', { runId })) as ProfileRun
  expect(live.frames).toBeGreaterThan(base.frames)
  expect(live.sources.at(-1)).toContain('re-profiling')
  await nextEvent(engine, 'runtime.frame', () => true)
  watch.stop()
  await engine.router.call('runtime.stop', {})
  expect(watch.over).toEqual([])
  const repo = new RuntimeRepo(engine.db)
  // Every model that was not active during the round ran on the 2 buffered frames.
  const round = repo.events('reprofile')[0]!
  const reprofiled = (round.details['models'] as string[]).sort()
  expect(round.details['frames']).toBe(2)
  expect(reprofiled).toHaveLength(MODELS.length - 1)
  for (const id of reprofiled) {
    const live = measured.models.find((m) => m.id === id)!.liveAccuracy
    expect(live, id).not.toBeNull()
    expect(live!).toBeGreaterThanOrEqual(0)
    expect(live!).toBeLessThanOrEqual(1)
  }
  // Later rounds may have run while the test waited: the first round's models are among the samples.
  const sampled = new Set(repo.accuracySamples().map((s) => s.modelId))
  for (const id of reprofiled) expect(sampled.has(id), id).toBe(true)
  expect(repo.selections().map((s) => s.details['reason'])).toContain('retrain')
  expect(repo.events('reprofile').some((e) => e.details['retrained'] === true)).toBe(true)
}, 120_000)

it('budgets in ms per frame too: model latency plus measured link latency', async () => {
  const latencies = MODELS.map((id) => engine.models.summary(engine.models.definition(id)).cost!.latencyP50Ms)
  const state = (await engine.router.call('runtime.start', { cameraId: camera.id, runId, budget: latencies.reduce((a, b) => a + b, 0) * 1.1, costType: 'latency' })) as RuntimeState
  expect(state.costType).toBe('latency')
  expect(state.active.sort()).toEqual([...MODELS].sort())
  const cheapest = Math.min(...latencies)
  const preview = (await engine.router.call('runtime.preview', { budget: state.minimumBudget })) as { active: string[]; cost: number; feasible: boolean }
  // The cheapest model plus the (measured, non-zero) cost of the links it feeds; no bound on the
  // measured figure itself (a timing).
  expect(preview.feasible).toBe(true)
  expect(preview.active).toHaveLength(1)
  expect(preview.cost).toBeGreaterThan(cheapest)
  expect(Number.isFinite(preview.cost)).toBe(true)
  await engine.router.call('runtime.stop', {})
}, 60_000)

it('never runs a disabled model, even when the budget has room for it', async () => {
  engine.models.setEnabled('faces', false)
  try {
    const state = (await engine.router.call('runtime.start', { cameraId: camera.id, runId, budget: 1e12 })) as RuntimeState
    expect(state.active.sort()).toEqual(['face-gender', 'person-pose'])
    expect(state.models.find((m) => m.id === 'faces')!.activation).toBe('predicted')
    expect(state.models.find((m) => m.id === 'faces')!.cost).toBeGreaterThan(0)
    const frame = await nextEvent(engine, 'runtime.frame', () => true)
    expect(frame.outputs['faces']!.origin).toBe('predicted')
  } finally {
    await engine.router.call('runtime.stop', {})
    engine.models.setEnabled('faces', true)
  }
}, 60_000)
