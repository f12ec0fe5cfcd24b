// Test support for the sequence links: seeded data, a small training loop and the project's metrics.
import * as tf from '@tensorflow/tfjs'
import { wordErrorRate } from '../../../src-main/models/metrics'

import { seededRandom } from '../../../src-main/links/seeded'

export { seededRandom }

export function randomInt(random: () => number, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1))
}

/** Minimises `loss(batchRows)` over seeded mini-batches of row indices; returns the last loss. */
export function train(options: {
  rows: number
  steps: number
  batchSize: number
  variables: tf.Variable[]
  learningRate: number
  seed: number
  loss: (batch: tf.Tensor1D) => tf.Scalar
}): number {
  const random = seededRandom(options.seed)
  const optimizer = tf.train.adam(options.learningRate)
  let last = NaN
  for (let step = 0; step < options.steps; step++) {
    const indices = Array.from({ length: options.batchSize }, () => randomInt(random, 0, options.rows - 1))
    const batch = tf.tensor1d(indices, 'int32')
    const cost = optimizer.minimize(() => options.loss(batch), true, options.variables)
    if (step === options.steps - 1 && cost) last = cost.dataSync()[0] ?? NaN
    cost?.dispose()
    batch.dispose()
  }
  optimizer.dispose()
  return last
}

/** Mean 1 - WER (clamped at 0), the project's sequence metric. */
export function sequenceScore(predicted: readonly (readonly string[])[], exact: readonly (readonly string[])[]): number {
  const total = exact.reduce((sum, e, i) => sum + Math.max(0, 1 - wordErrorRate(predicted[i] ?? [], e)), 0)
  return total / exact.length
}

/** Score of always answering the training set's most frequent target sequence. */
export function constantSequenceScore(trainTargets: readonly (readonly string[])[], testTargets: readonly (readonly string[])[]): number {
  const counts = new Map<string, number>()
  for (const t of trainTargets) counts.set(t.join(' '), (counts.get(t.join(' ')) ?? 0) + 1)
  const [majority] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0] ?? ['', 0]
  const constant = majority === '' ? [] : majority.split(' ')
  return sequenceScore(testTargets.map(() => constant), testTargets)
}
