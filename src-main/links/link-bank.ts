// A run's trained links, loaded back from the store. The vec2vec links are stacked so that all of
// them run as ONE batched forward pass (three batched matrix products); seq2vec links add their
// pre-activations to the same per-target ensemble sum; sequence targets are decoded by the
// ensemble of their links (SequenceLinkSet).
import * as tf from '@tensorflow/tfjs'
import type { ModelDefinition } from '../models/definition'
import type { ModelOutput, VectorSpec } from '../models/output-spec'
import type { LoadedLinkWeights } from '../store/links-repo'
import { decodeVector, encodeVector } from './encoding'
import { activateValues } from './heads'
import { SequenceLinkSet } from './sequence-link-set'

interface Slot {
  source: string
  target: string
  /** Rows of this link's first weight matrix: its (padded) input width. */
  inputRows: number
  outputSize: number
}

export class LinkBank {
  private readonly slots: Slot[]
  private readonly params: tf.Tensor3D[]
  private readonly inputSize: number
  private readonly outputSize: number
  private readonly sequences: SequenceLinkSet

  constructor(
    private readonly models: ModelDefinition[],
    links: LoadedLinkWeights[]
  ) {
    if (links.length === 0) throw new Error('no links to load: train the run first')
    this.sequences = new SequenceLinkSet(models, links)
    const vec = links.filter((l) => l.architecture === 'vec2vec')
    this.slots = vec.map((l) => ({ source: l.source, target: l.target, inputRows: l.shapes[0]![0]!, outputSize: l.shapes[4]![1]! }))
    this.inputSize = Math.max(...this.slots.map((s) => s.inputRows))
    this.outputSize = Math.max(...this.slots.map((s) => s.outputSize))
    const hidden = vec[0]?.shapes[0]![1]! ?? 0
    // Stack each parameter over links, zero-padding inputs and outputs to the widest.
    const stack = (index: number, rows: (l: LoadedLinkWeights) => number, cols: (l: LoadedLinkWeights) => number, R: number, C: number): tf.Tensor3D => {
      const data = new Float32Array(vec.length * R * C)
      vec.forEach((l, k) => {
        const w = l.weights[index]!
        const r = rows(l)
        const c = cols(l)
        for (let i = 0; i < r; i++) data.set(w.subarray(i * c, i * c + c), k * R * C + i * C)
      })
      return tf.tensor3d(data, [vec.length, R, C])
    }
    const out = (l: LoadedLinkWeights): number => l.shapes[4]![1]!
    this.params = [
      stack(0, (l) => l.shapes[0]![0]!, () => hidden, this.inputSize, hidden),
      stack(1, () => 1, () => hidden, 1, hidden),
      stack(2, () => hidden, () => hidden, hidden, hidden),
      stack(3, () => 1, () => hidden, 1, hidden),
      stack(4, () => hidden, out, hidden, this.outputSize),
      stack(5, () => 1, out, 1, this.outputSize)
    ]
  }

  /** Pre-activations of every link whose source is in `outputs`, for one frame, in one batched pass. */
  logits(outputs: ReadonlyMap<string, ModelOutput>): Map<Slot, number[]> {
    if (this.slots.length === 0) return new Map()
    const x = new Float32Array(this.slots.length * this.inputSize)
    const used = this.slots.map((s, k) => {
      const output = outputs.get(s.source)
      if (!output) return false
      x.set(encodeVector(this.spec(s.source), output), k * this.inputSize)
      return true
    })
    const result = tf.tidy(() => {
      const [w1, b1, w2, b2, w3, b3] = this.params as [tf.Tensor3D, tf.Tensor3D, tf.Tensor3D, tf.Tensor3D, tf.Tensor3D, tf.Tensor3D]
      const input = tf.tensor3d(x, [this.slots.length, 1, this.inputSize])
      const h1 = tf.relu(tf.matMul(input, w1).add(b1)) as tf.Tensor3D
      const h2 = tf.relu(tf.matMul(h1, w2).add(b2)) as tf.Tensor3D
      return tf.matMul(h2, w3).add(b3)
    })
    const values = result.dataSync()
    result.dispose()
    const out = new Map<Slot, number[]>()
    this.slots.forEach((s, k) => {
      if (used[k]) out.set(s, Array.from(values.subarray(k * this.outputSize, k * this.outputSize + s.outputSize)))
    })
    return out
  }

  /** Every target not in `outputs`, predicted by the ensemble of the given sources (optionally restricted per target). */
  predict(outputs: ReadonlyMap<string, ModelOutput>, sourcesFor: (target: string) => string[] | null = () => null): Map<string, { output: ModelOutput; sources: string[] }> {
    // The batched vec2vec pass is one computation whatever is asked; each seq2vec link is its own LSTM
    // pass, so only the ones the ensembles will use run.
    const wanted = (source: string, target: string): boolean => !outputs.has(target) && (sourcesFor(target)?.includes(source) ?? true)
    const contributions = [
      ...[...this.logits(outputs)].map(([s, values]) => ({ source: s.source, target: s.target, values })),
      ...this.sequences.vectorLogits(outputs, wanted)
    ]
    const predictions = new Map<string, { output: ModelOutput; sources: string[] }>()
    for (const target of new Set(contributions.map((c) => c.target))) {
      if (outputs.has(target)) continue
      const allowed = sourcesFor(target)
      const chosen = contributions.filter((c) => c.target === target && (!allowed || allowed.includes(c.source)))
      if (chosen.length === 0) continue
      const spec = this.spec(target)
      const sum = Array(chosen[0]!.values.length).fill(0) as number[]
      for (const c of chosen) c.values.forEach((v, i) => (sum[i]! += v))
      predictions.set(target, { output: decodeVector(spec, activateValues(spec, sum)), sources: chosen.map((c) => c.source) })
    }
    for (const target of this.sequences.sequenceTargets()) {
      if (outputs.has(target)) continue
      const decoded = this.sequences.decode(target, outputs, sourcesFor(target) ?? [...outputs.keys()])
      if (decoded) predictions.set(target, decoded)
    }
    return predictions
  }

  /** vec2vec links, the ones in the batched forward pass. */
  get size(): number {
    return this.slots.length
  }

  dispose(): void {
    tf.dispose(this.params)
    this.sequences.dispose()
  }

  private spec(id: string): VectorSpec {
    const spec = this.models.find((m) => m.id === id)?.spec
    if (spec?.kind !== 'vector') throw new Error(`model '${id}' has no vector output`)
    return spec
  }
}
