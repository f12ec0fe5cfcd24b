// The target's side of every link: the output activation and loss per part of the target's
// spec (softmax + cross-entropy for single-label, sigmoid + binary cross-entropy for
// multi-label, linear + squared error for counts and regressions, sigmoid + squared error for
// boxes). Links produce pre-activations (logits); the ensemble sums them before activating.
import * as tf from '@tensorflow/tfjs'
import { partWidth, type VectorSpec } from '../models/output-spec'

function slices(spec: VectorSpec): { task: VectorSpec['parts'][number]['task']; start: number; width: number }[] {
  let start = 0
  return spec.parts.map((p) => {
    const s = { task: p.task, start, width: partWidth(p) }
    start += s.width
    return s
  })
}

/** Mean loss per link: logits [L, N, D] against targets [N, D] -> [L]. */
export function linkLosses(spec: VectorSpec, logits: tf.Tensor3D, targets: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => {
    const t = targets.expandDims(0)
    const terms = slices(spec).map(({ task, start, width }) => {
      const x = logits.slice([0, 0, start], [-1, -1, width])
      const y = t.slice([0, 0, start], [-1, -1, width])
      if (task === 'single-label') return tf.neg(tf.sum(tf.mul(y, tf.logSoftmax(x)), 2)).mean(1)
      if (task === 'multi-label') {
        // Stable binary cross-entropy on logits: max(x,0) - x*y + log(1 + exp(-|x|)).
        const bce = tf.relu(x).sub(x.mul(y)).add(tf.log1p(tf.exp(tf.neg(tf.abs(x)))))
        return bce.mean([1, 2])
      }
      if (task === 'localization') return tf.squaredDifference(tf.sigmoid(x), y).mean([1, 2]).mul(4)
      return tf.squaredDifference(x, y).mean([1, 2]).mul(4)
    })
    return tf.addN(terms) as tf.Tensor1D
  })
}

/** The output activation per part, on plain numbers: applied to the (summed) pre-activations of links. */
export function activateValues(spec: VectorSpec, logits: readonly number[]): number[] {
  const out: number[] = []
  for (const { task, start, width } of slices(spec)) {
    const x = logits.slice(start, start + width)
    if (task === 'single-label') {
      const max = Math.max(...x)
      const e = x.map((v) => Math.exp(v - max))
      const sum = e.reduce((a, b) => a + b, 0)
      out.push(...e.map((v) => v / sum))
    } else if (task === 'multi-label' || task === 'localization') out.push(...x.map((v) => 1 / (1 + Math.exp(-v))))
    else out.push(...x)
  }
  return out
}
