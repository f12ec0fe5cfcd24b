// A run's trained vec2vec links, loaded back from the store and stacked so that predicting every
// target from a frame's source outputs is ONE batched forward pass (three batched matrix
// products), followed by the per-target ensemble sum of pre-activations and activation.
import * as tf from '@tensorflow/tfjs'
import type { ModelDefinition } from '../models/definition'
import type { ModelOutput, VectorSpec } from '../models/output-spec'
import type { LoadedLinkWeights } from '../store/links-repo'
import { decodeVector, encodeVector } from './encoding'
import { activateValues } from './heads'

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

  constructor(
    private readonly models: ModelDefinition[],
    links: LoadedLinkWeights[]
  ) {
    const vec = links.filter((l) => l.architecture === 'vec2vec')
    if (vec.length === 0) throw new Error('no vector links to load: train the run first')
    this.slots = vec.map((l) => ({ source: l.source, target: l.target, inputRows: l.shapes[0]![0]!, outputSize: l.shapes[4]![1]! }))
    this.inputSize = Math.max(...this.slots.map((s) => s.inputRows))
    this.outputSize = Math.max(...this.slots.map((s) => s.outputSize))
    const hidden = vec[0]!.shapes[0]![1]!
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

  /** Every vector target not in `outputs`, predicted by the ensemble of the given sources (optionally restricted per target). */
  predict(outputs: ReadonlyMap<string, ModelOutput>, sourcesFor: (target: string) => string[] | null = () => null): Map<string, { output: ModelOutput; sources: string[] }> {
    const logits = this.logits(outputs)
    const predictions = new Map<string, { output: ModelOutput; sources: string[] }>()
    for (const target of new Set(this.slots.map((s) => s.target))) {
      if (outputs.has(target)) continue
      const allowed = sourcesFor(target)
      const slots = [...logits.keys()].filter((s) => s.target === target && (!allowed || allowed.includes(s.source)))
      if (slots.length === 0) continue
      const spec = this.spec(target)
      const sum = Array(slots[0]!.outputSize).fill(0) as number[]
      for (const s of slots) logits.get(s)!.forEach((v, i) => (sum[i]! += v))
      predictions.set(target, { output: decodeVector(spec, activateValues(spec, sum)), sources: slots.map((s) => s.source) })
    }
    return predictions
  }

  get size(): number {
    return this.slots.length
  }

  dispose(): void {
    tf.dispose(this.params)
  }

  private spec(id: string): VectorSpec {
    const spec = this.models.find((m) => m.id === id)?.spec
    if (spec?.kind !== 'vector') throw new Error(`model '${id}' has no vector output`)
    return spec
  }
}
