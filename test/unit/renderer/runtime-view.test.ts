// The Dashboard's runtime pieces without a browser: the runtime store over a real engine (events
// build the timeline and its markers; errors land in the store), the timeline and sparkline
// option builders, and how outputs are described and boxed.
import { createPinia, setActivePinia } from 'pinia'
import { createApp } from 'vue'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { RuntimeState } from '../../../src-main/api/contract'
import type { Engine } from '../../../src-main/app/compose'
import { ApiClient } from '../../../src-renderer/api/client'
import { accuracyTimelineOption, sparklineOption } from '../../../src-renderer/charts/accuracy-timeline'
import { describeOutput, outputBoxes } from '../../../src-renderer/output-view'
import { specFromFields } from '../../../src-renderer/model-spec-form'
import { apiKey } from '../../../src-renderer/stores/api'
import { useRuntimeStore } from '../../../src-renderer/stores/runtime'
import { startTestEngine } from '../../support/engine'
import { InProcessTransport } from '../../support/in-process-transport'

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
  let engine: Engine
  let stop: () => Promise<void>
  let app: ReturnType<typeof createApp>
  beforeEach(async () => {
    ;({ engine, stop } = await startTestEngine())
    app = createApp({})
    app.provide(apiKey, new ApiClient(new InProcessTransport(engine)))
    const pinia = createPinia()
    app.use(pinia)
    setActivePinia(pinia)
  })
  afterEach(async () => stop())

  it('builds the timeline from state events, marks budget changes, re-selections and retraining', async () => {
    const runtime = app.runWithContext(() => useRuntimeStore())
    engine.bus.publish('runtime.state', state({}))
    engine.bus.publish('runtime.state', state({ budget: 60, active: ['a'], expectedAccuracy: 0.85 }))
    engine.bus.publish('runtime.state', state({ budget: 60, active: ['b'], expectedAccuracy: 0.8 }))
    engine.bus.publish('runtime.state', state({ budget: 60, active: ['b'], expectedAccuracy: 0.8, linksRunId: 2, models: state({}).models.map((m) => ({ ...m, liveAccuracy: m.id === 'b' ? 0.7 : null })) }))
    await new Promise((r) => setTimeout(r, 10))
    expect(runtime.running).toBe(true)
    expect(runtime.markers.map((m) => m.label)).toEqual(['budget', 're-selection', 'links retrained'])
    expect(runtime.timeline.map((p) => p.expected)).toEqual([0.9, 0.85, 0.8, 0.8])
    expect(runtime.timeline.at(-1)!.live).toEqual({ a: null, b: 0.7 })
  })

  it("keeps the engine's refusal as the store's error", async () => {
    const runtime = app.runWithContext(() => useRuntimeStore())
    await runtime.start({ cameraId: 'nope', runId: 1, budget: 1 })
    expect(runtime.error).toContain("No camera 'nope'")
    expect(runtime.running).toBe(false)
  })
})

describe('timeline options', () => {
  const points = [
    { at: 1000, expected: 0.9, live: { a: null, b: 0.75 } },
    { at: 2000, expected: 0.8, live: { a: null, b: 0.5 } }
  ]
  it('plots the expected average and each model in percent, with markers as dashed lines', () => {
    const option = accuracyTimelineOption(points, [{ at: 1500, label: 'budget' }])
    const series = option.series as { name: string; data: [number, number | null][]; markLine?: { data: { name: string; xAxis: number }[] } }[]
    expect(series.map((s) => s.name)).toEqual(['expected average', 'a', 'b'])
    expect(series[0]!.data).toEqual([[1000, 90], [2000, 80]])
    expect(series[2]!.data).toEqual([[1000, 75], [2000, 50]])
    expect(series[1]!.data).toEqual([[1000, null], [2000, null]])
    expect(series[0]!.markLine!.data).toEqual([{ name: 'budget', xAxis: 1500 }])
    expect((option.yAxis as { name: string; max: number }).name).toBe('%')
  })
  it('a sparkline keeps only the measured points of its model', () => {
    const option = sparklineOption(points, 'b')
    expect((option.series as { data: unknown[] }[])[0]!.data).toEqual([[1000, 0.75], [2000, 0.5]])
    expect((sparklineOption(points, 'a').series as { data: unknown[] }[])[0]!.data).toEqual([])
  })
})

describe('output view', () => {
  const faces = { kind: 'vector' as const, parts: [{ name: 'faces', task: 'counting' as const, max: 10 }, { name: 'largest', task: 'localization' as const }] }
  const gender = { kind: 'vector' as const, parts: [{ name: 'gender', task: 'single-label' as const, labels: ['none', 'female', 'male'] }] }
  it('says what an output means and where its boxes are', () => {
    const out = { kind: 'vector' as const, values: [2, 0.1, 0.2, 0.3, 0.4] }
    expect(describeOutput(faces, out)).toBe('2 faces')
    expect(outputBoxes(faces, out, 'faces')).toEqual([{ x: 0.1, y: 0.2, w: 0.3, h: 0.4, label: 'faces · largest' }])
    expect(outputBoxes(faces, { kind: 'vector', values: [0, 0, 0, 0, 0] }, 'faces')).toEqual([])
    expect(describeOutput(gender, { kind: 'vector', values: [0.1, 0.83, 0.07] })).toBe('female 83%')
    expect(describeOutput({ kind: 'sequence', task: 'sequence', vocabulary: ['person'], maxLength: 3 }, { kind: 'sequence', tokens: [] })).toBe('(nothing)')
  })
})

describe('add-model form spec', () => {
  it('builds the output spec from the fields an operator fills in', () => {
    expect(specFromFields({ kind: 'single-label', name: 'scene', labels: 'office, corridor ,', max: 0, min: 0 })).toEqual({ kind: 'vector', parts: [{ name: 'scene', task: 'single-label', labels: ['office', 'corridor'] }] })
    expect(specFromFields({ kind: 'regression', name: '', labels: '', max: 255, min: 0 })).toEqual({ kind: 'vector', parts: [{ name: 'output', task: 'regression', min: 0, max: 255 }] })
    expect(specFromFields({ kind: 'sequence', name: '', labels: 'a,b', max: 5, min: 0 })).toEqual({ kind: 'sequence', task: 'sequence', vocabulary: ['a', 'b'], maxLength: 5 })
  })
})

describe('link training charts', () => {
  it('plots a target curve (training solid, validation dashed) and the fraction study per target', async () => {
    const { trainingCurveOption, fractionsOption } = await import('../../../src-renderer/charts/link-training')
    const points = [
      { epoch: 1, loss: 2, validationLoss: 3, links: [{ source: 'a', loss: 1.5, validationLoss: 2 }, { source: 'b', loss: 0.5, validationLoss: 1 }] },
      { epoch: 2, loss: 1, validationLoss: 2.5, links: [{ source: 'a', loss: 0.7, validationLoss: 1.8 }, { source: 'b', loss: 0.3, validationLoss: 0.7 }] }
    ]
    const curve = trainingCurveOption('faces', points)
    const series = curve.series as { name: string; data: number[][]; lineStyle?: { type: string } }[]
    expect(series.map((s) => s.name)).toEqual(['training loss', 'validation loss'])
    expect(series[1]!.data).toEqual([[1, 3], [2, 2.5]])
    expect(series[1]!.lineStyle?.type).toBe('dashed')
    // One link's own curve.
    const link = trainingCurveOption('faces', points, 'b').series as { data: number[][] }[]
    expect(link[0]!.data).toEqual([[1, 0.5], [2, 0.3]])
    expect(link[1]!.data).toEqual([[1, 1], [2, 0.7]])
    const t = (target: string, guarded: number) => ({ target, constant: 0.5, bestSingle: { source: '', test: guarded }, guarded: { sources: [], test: guarded } })
    const fr = fractionsOption([
      { fraction: 0.01, trainFrames: 4, targets: [t('a', 0.6), t('b', 0.7)] },
      { fraction: 0.48, trainFrames: 200, targets: [t('a', 0.9)] }
    ])
    expect((fr.xAxis as { data: string[] }).data).toEqual(['1% (4)', '48% (200)'])
    expect((fr.series as { name: string; data: (number | null)[] }[]).map((s) => [s.name, s.data])).toEqual([['a', [60, 90]], ['b', [70, null]]])
  })
})
