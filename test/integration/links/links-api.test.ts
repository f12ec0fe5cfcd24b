// Links over the API on a real profiling run (real models, real footage): training in the
// trainer process with progress events, the stored matrix, cancellation.
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { LinkMatrix, LinkPredictions, ProfileRun } from '../../../src-main/api/contract'
import type { Engine } from '../../../src-main/app/compose'
import { nextEvent, startTestEngine } from '../../support/engine'
import { sample } from '../../support/samples'

let engine: Engine
let stop: () => Promise<void>
let runId: number

beforeAll(async () => {
  ;({ engine, stop } = await startTestEngine())
  const run = (await engine.router.call('profiles.start', {
    videos: [sample('classroom.gif'), sample('face-demographics-walking.gif')],
    models: ['faces', 'face-gender', 'person-pose'],
    every: 2
  })) as ProfileRun
  runId = run.id
  await nextEvent(engine, 'profiles.changed', (r) => r.id === runId && r.status === 'done')
}, 120_000)
afterAll(async () => stop())

it('trains every pairwise link with progress, stores the matrix with constant baselines', async () => {
  const epochs: number[] = []
  engine.bus.subscribe('links.progress', (p) => p.runId === runId && epochs.push(p.epoch))
  const trained = nextEvent(engine, 'links.trained', (t) => t.runId === runId)
  expect(await engine.router.call('links.train', { runId, epochs: 20, patience: 0 })).toEqual({ runId, status: 'training' })
  const result = await trained
  expect(result).toMatchObject({ status: 'done', links: 6, error: null })
  expect(epochs).toContain(20)
  const matrix = (await engine.router.call('links.matrix', { runId })) as LinkMatrix
  expect(matrix.targets.map((t) => t.target)).toEqual(['faces', 'face-gender', 'person-pose'])
  for (const t of matrix.targets) {
    expect(t.links).toHaveLength(2)
    expect(t.constant).toBeGreaterThanOrEqual(0)
    for (const l of t.links) {
      expect(l.test).toBeGreaterThanOrEqual(0)
      expect(l.test).toBeLessThanOrEqual(1)
    }
    expect(t.links.map((l) => l.source)).toContain(t.bestSingle.source)
    // A curve per link: every epoch has each link's own training and validation loss.
    expect(t.curve).toHaveLength(20)
    expect(t.curve.at(-1)!.links.map((l) => l.source).sort()).toEqual(t.links.map((l) => l.source).sort())
    expect(t.curve.at(-1)!.links.reduce((s, l) => s + l.validationLoss, 0)).toBeCloseTo(t.curve.at(-1)!.validationLoss, 4)
  }
  // The matrix reads back the same after the engine reloads it from the store.
  expect(await engine.router.call('links.matrix', { runId })).toEqual(matrix)
}, 120_000)

it('predicts the models that did not run from the stored links, and checks what it is given', async () => {
  const faceOnFrame = { kind: 'vector', values: [1, 0.4, 0.3, 0.1, 0.12] }
  const predicted = (await engine.router.call('links.predict', { runId, outputs: { faces: faceOnFrame }, ensemble: 'all' })) as LinkPredictions
  expect(Object.keys(predicted.predictions).sort()).toEqual(['face-gender', 'person-pose'])
  expect(predicted.predictions['face-gender']!.sources).toEqual(['faces'])
  const gender = predicted.predictions['face-gender']!.output
  expect(gender.kind === 'vector' && gender.values.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5)
  const wrong = (await engine.router.call('links.predict', { runId, outputs: { faces: { kind: 'vector', values: [1] } } }).catch((e: unknown) => e)) as { code: string; message: string }
  expect(wrong.code).toBe('invalid_params')
  expect(wrong.message).toContain("'faces' does not fit its spec")
})

it('cancels a training, and explains bad requests', async () => {
  const trained = nextEvent(engine, 'links.trained', (t) => t.runId === runId)
  await engine.router.call('links.train', { runId, epochs: 500 })
  const again = (await engine.router.call('links.train', { runId }).catch((e: unknown) => e)) as { code: string }
  expect(again.code).toBe('conflict')
  await engine.router.call('links.cancel', { runId })
  expect((await trained).status).toBe('cancelled')
  // The earlier, finished training is still what the matrix shows.
  expect(((await engine.router.call('links.matrix', { runId })) as LinkMatrix).targets).toHaveLength(3)
  const missing = (await engine.router.call('links.train', { runId: 999 }).catch((e: unknown) => e)) as { message: string }
  expect(missing.message).toContain('No profiling run 999')
}, 60_000)
