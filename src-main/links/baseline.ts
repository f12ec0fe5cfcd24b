// The constant baseline beside every link: what predicting the training prior alone scores, so a
// link that only learned the prior is visible as such.
import type { ModelDefinition } from '../models/definition'
import { partWidth, type ModelOutput, type VectorSpec } from '../models/output-spec'
import type { LinkDataset } from './dataset'
import { decodeVector, encodeVector } from './encoding'

/** Per part: majority class, per-label majority, mean count or value, the empty box when most frames have none else the mean box. */
export function constantVector(spec: VectorSpec, train: readonly number[][]): number[] {
  const out: number[] = []
  let offset = 0
  for (const part of spec.parts) {
    const width = partWidth(part)
    const rows = train.map((r) => r.slice(offset, offset + width))
    offset += width
    const mean = Array.from({ length: width }, (_, k) => rows.reduce((s, r) => s + r[k]!, 0) / Math.max(1, rows.length))
    if (part.task === 'single-label') {
      const votes = Array(width).fill(0) as number[]
      for (const r of rows) votes[r.indexOf(Math.max(...r))]!++
      const best = votes.indexOf(Math.max(...votes))
      out.push(...votes.map((_, k) => (k === best ? 1 : 0)))
    } else if (part.task === 'multi-label') out.push(...mean.map((m) => (m >= 0.5 ? 1 : 0)))
    else if (part.task === 'localization') {
      const empty = rows.filter((r) => r[2]! * r[3]! <= 0).length
      out.push(...(empty >= rows.length / 2 ? [0, 0, 0, 0] : mean))
    } else out.push(...mean)
  }
  return out
}

/** The most frequent training sequence. */
export function constantSequence(train: readonly ModelOutput[]): ModelOutput {
  const counts = new Map<string, { tokens: string[]; n: number }>()
  for (const o of train) {
    if (o.kind !== 'sequence') continue
    const key = o.tokens.join('\u0000')
    counts.set(key, { tokens: o.tokens, n: (counts.get(key)?.n ?? 0) + 1 })
  }
  const best = [...counts.values()].sort((a, b) => b.n - a.n)[0]
  return { kind: 'sequence', tokens: best?.tokens ?? [] }
}

/** The training prior as an output of the model: what a model that does not run is worth alone. */
export function priorOutput(def: ModelDefinition, train: readonly ModelOutput[]): ModelOutput {
  const spec = def.spec
  if (spec.kind === 'sequence') return constantSequence(train)
  return decodeVector(spec, constantVector(spec, train.map((o) => encodeVector(spec, o))))
}

/** Every model's training prior in a dataset (the training block of each clip). */
export function trainingPriors(ds: LinkDataset): Map<string, ModelOutput> {
  return new Map(ds.models.map((m) => [m.id, priorOutput(m, ds.split.train.map((i) => ds.outputs.get(m.id)![i]!))]))
}
