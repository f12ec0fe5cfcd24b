// Stored links loaded back for prediction: every architecture, through LinkBank. Trains links on
// generated data where the relation is known (a count <-> that many 'a' tokens), stores their
// weights the way the store returns them, and predicts targets that did not "run".
import { beforeAll, expect, it } from 'vitest'
import { timeSplit, type LinkDataset } from '../../../src-main/links/dataset'
import { LinkBank } from '../../../src-main/links/link-bank'
import { seededRandom } from '../../../src-main/links/seeded'
import { trainTarget } from '../../../src-main/links/train-target'
import { PAPER_DEFAULTS } from '../../../src-main/links/training-config'
import type { ModelDefinition } from '../../../src-main/models/definition'
import { outputScore } from '../../../src-main/models/metrics'
import type { ModelOutput } from '../../../src-main/models/output-spec'
import type { LoadedLinkWeights } from '../../../src-main/store/links-repo'
import { selectBackend } from '../../../src-main/tfjs/backend'

const model = (id: string, spec: ModelDefinition['spec']): ModelDefinition => ({ id, name: id, description: '', version: '1', source: 'zoo', zooId: id, spec })
const count = model('count', { kind: 'vector', parts: [{ name: 'people', task: 'counting', max: 3 }] })
const presence = model('presence', { kind: 'vector', parts: [{ name: 'busy', task: 'multi-label', labels: ['busy'] }] })
const tokens = model('tokens', { kind: 'sequence', task: 'sequence', vocabulary: ['a', 'b'], maxLength: 4 })

function dataset(n: number): LinkDataset {
  const random = seededRandom(5)
  const outputs = new Map<string, ModelOutput[]>([['count', []], ['presence', []], ['tokens', []]])
  for (let i = 0; i < n; i++) {
    const c = Math.floor(random() * 4)
    outputs.get('count')!.push({ kind: 'vector', values: [c] })
    outputs.get('presence')!.push({ kind: 'vector', values: [c > 0 ? 1 : 0] })
    outputs.get('tokens')!.push({ kind: 'sequence', tokens: Array(c).fill('a') })
  }
  const frames = Array.from({ length: n }, (_, i) => ({ segment: 'generated', frame: i, capturedAt: '', cameraId: null }))
  return { runId: 0, models: [count, presence, tokens], frames, outputs, split: timeSplit(frames) }
}

beforeAll(async () => {
  await selectBackend()
})

it('predicts a sequence target (vec2seq ensemble decode) and a vector target from a sequence source (seq2vec), as trained', async () => {
  const ds = dataset(400)
  const config = { ...PAPER_DEFAULTS, epochs: 60, hidden: 32 }
  const stored: LoadedLinkWeights[] = []
  for (const target of [tokens, count]) {
    const trained = await trainTarget(ds, target, config, { progress: () => undefined })
    stored.push(...trained.links.map((l) => ({ ...l, config })))
  }
  const bank = new LinkBank(ds.models, stored)
  const score = (target: ModelDefinition, given: string[]): number => {
    const scores = ds.split.test.map((i) => {
      const outputs = new Map(given.map((id) => [id, ds.outputs.get(id)![i]!]))
      const predicted = bank.predict(outputs).get(target.id)
      expect(predicted?.sources.sort()).toEqual(given.filter((g) => stored.some((s) => s.source === g && s.target === target.id)).sort())
      return outputScore(target.spec, predicted!.output, ds.outputs.get(target.id)![i]!)
    })
    return scores.reduce((a, b) => a + b, 0) / scores.length
  }
  // The sequence from the count alone, and from count + presence summed step by step.
  expect(score(tokens, ['count'])).toBeGreaterThan(0.9)
  expect(score(tokens, ['count', 'presence'])).toBeGreaterThan(0.9)
  // The count from the tokens (seq2vec), beside the vec2vec link from presence.
  expect(score(count, ['tokens'])).toBeGreaterThan(0.9)
  const both = new Map<string, ModelOutput>([['tokens', ds.outputs.get('tokens')![0]!], ['presence', ds.outputs.get('presence')![0]!]])
  expect([...bank.predict(both).keys()].sort()).toEqual(['count'])
  bank.dispose()
}, 120_000)
