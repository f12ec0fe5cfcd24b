// Vector links on generated data with a known relation: they learn it (well above the constant
// baseline), uninformative sources do not, and the guarded ensemble keeps to the useful ones.
import { beforeAll, describe, expect, it } from 'vitest'
import type { ModelDefinition } from '../../../src-main/models/definition'
import type { ModelOutput } from '../../../src-main/models/output-spec'
import { timeSplit, type LinkDataset } from '../../../src-main/links/dataset'
import { seededRandom } from '../../../src-main/links/seeded'
import { trainTarget } from '../../../src-main/links/train-target'
import { dataFractionStudy, shrinkTraining } from '../../../src-main/links/data-fraction'
import { PAPER_DEFAULTS } from '../../../src-main/links/training-config'
import { splitTargets } from '../../../src-main/links/link-trainer'
import { selectBackend } from '../../../src-main/tfjs/backend'

const model = (id: string, spec: ModelDefinition['spec']): ModelDefinition => ({ id, name: id, description: '', version: '1', source: 'zoo', zooId: id, spec })

/** "scene" is one of 4 classes; "count" = class index; "noise" is random; "presence" = class > 1. */
function dataset(n: number): LinkDataset {
  const random = seededRandom(11)
  const scene = model('scene', { kind: 'vector', parts: [{ name: 'scene', task: 'single-label', labels: ['a', 'b', 'c', 'd'] }] })
  const count = model('count', { kind: 'vector', parts: [{ name: 'people', task: 'counting', max: 3 }] })
  const noise = model('noise', { kind: 'vector', parts: [{ name: 'level', task: 'regression', min: 0, max: 1 }] })
  const presence = model('presence', { kind: 'vector', parts: [{ name: 'busy', task: 'multi-label', labels: ['busy'] }] })
  const outputs = new Map<string, ModelOutput[]>([
    ['scene', []],
    ['count', []],
    ['noise', []],
    ['presence', []]
  ])
  for (let i = 0; i < n; i++) {
    const cls = Math.floor(random() * 4)
    outputs.get('scene')!.push({ kind: 'vector', values: [0, 1, 2, 3].map((k) => (k === cls ? 1 : 0)) })
    outputs.get('count')!.push({ kind: 'vector', values: [cls] })
    outputs.get('noise')!.push({ kind: 'vector', values: [random()] })
    outputs.get('presence')!.push({ kind: 'vector', values: [cls > 1 ? 1 : 0] })
  }
  const frames = Array.from({ length: n }, (_, i) => ({ segment: 'generated', frame: i, capturedAt: '', cameraId: null }))
  return { runId: 0, models: [scene, count, noise, presence], frames, outputs, split: timeSplit(frames) }
}

beforeAll(async () => {
  await selectBackend()
})

describe('vec2vec links', () => {
  it('learn a count from a one-hot class, and a presence from it, far above the constant', async () => {
    const ds = dataset(300)
    const config = { ...PAPER_DEFAULTS, epochs: 40 }
    const trained = await trainTarget(ds, ds.models[1]!, config, { progress: () => undefined })
    const e = trained.evaluation
    const fromScene = e.links.find((l) => l.source === 'scene')!
    const fromNoise = e.links.find((l) => l.source === 'noise')!
    console.info(`count <- scene ${fromScene.test.toFixed(3)}, <- noise ${fromNoise.test.toFixed(3)}, constant ${e.constant.toFixed(3)}, guarded ${e.guarded.test.toFixed(3)} (${e.guarded.sources.join('+')}), plain ensemble ${e.ensemble.toFixed(3)}`)
    expect(fromScene.test).toBeGreaterThan(0.95)
    expect(fromScene.test).toBeGreaterThan(e.constant + 0.2)
    expect(fromNoise.test).toBeLessThan(e.constant + 0.1)
    expect(e.bestSingle.source).toMatch(/scene|presence/)
    expect(e.guarded.test).toBeGreaterThanOrEqual(e.bestSingle.test)
    expect(trained.links.map((l) => l.architecture)).toEqual(['vec2vec', 'vec2vec', 'vec2vec'])
  }, 60_000)

  it('keep the guarded ensemble at or above the best single source, per target', async () => {
    const ds = dataset(240)
    for (const target of ds.models) {
      const { evaluation: e } = await trainTarget(ds, target, { ...PAPER_DEFAULTS, epochs: 25 }, { progress: () => undefined })
      expect(e.guarded.test, target.id).toBeGreaterThanOrEqual(e.bestSingle.test)
    }
  }, 120_000)
})

describe('early stopping', () => {
  it('stops once the validation loss has not improved for `patience` epochs, and reports it per epoch', async () => {
    const ds = dataset(300)
    const seen: { epoch: number; validationLoss: number }[] = []
    await trainTarget(ds, ds.models[1]!, { ...PAPER_DEFAULTS, epochs: 200, patience: 3 }, { progress: (p) => seen.push(p) })
    const last = seen.at(-1)!
    expect(last.epoch).toBeLessThan(200)
    const best = Math.min(...seen.map((p) => p.validationLoss))
    const bestEpoch = seen.find((p) => p.validationLoss === best)!.epoch
    // Stopped exactly `patience` epochs after the best one.
    expect(last.epoch).toBe(bestEpoch + 3)
  }, 60_000)
})

describe('trainer lanes', () => {
  it('deal the heavier sequence targets first, balancing the lanes', () => {
    const seq = model('seq', { kind: 'sequence', task: 'sequence', vocabulary: ['a'], maxLength: 3 })
    const ds = dataset(10)
    expect(splitTargets([...ds.models, seq], 2)).toEqual([['seq', 'presence'], ['scene', 'count', 'noise']])
    expect(splitTargets(ds.models, 2)).toEqual([['scene', 'noise'], ['count', 'presence']])
    expect(splitTargets(ds.models, 8)).toHaveLength(4)
  })
})

describe('data-fraction study', () => {
  it('keeps the earliest frames of each clip, and learns more from more of them', async () => {
    const ds = dataset(300)
    const shrunk = shrinkTraining(ds, 0.1)
    expect(shrunk.split.train).toEqual(ds.split.train.slice(0, shrunk.split.train.length))
    expect(shrunk.split.test).toEqual(ds.split.test)
    const results = await dataFractionStudy({ ...ds, models: ds.models.slice(0, 2) }, { ...PAPER_DEFAULTS, epochs: 30 }, [0.01, 0.48], () => undefined)
    expect(results.map((r) => r.trainFrames)).toEqual([2, Math.round(ds.split.train.length * 0.48)])
    const count = (i: number) => results[i]!.targets.find((t) => t.target === 'count')!.guarded.test
    expect(count(1)).toBeGreaterThan(count(0))
  }, 60_000)
})
