// Greedy decoding for one link or an ensemble. An ensemble sums the links' step logits (the
// paper's pre-activation sum over the active sources) before picking each next token.
import * as tf from '@tensorflow/tfjs'
import type { DecoderState, DecoderStep } from './attention-decoder'
import { SequenceLinkError } from './errors'
import { EOS_ID, PAD_ID } from './tokens'

/** A link that can be decoded step by step over its own source. */
export interface StepwiseLink {
  start(source: tf.Tensor2D): DecoderState
  step(state: DecoderState, prevIds: tf.Tensor1D): DecoderStep
}

/** Keeps PAD out of the argmax: it is never a target, so it only marks positions after EOS. */
const PAD_PENALTY = 1e9

/**
 * Greedy decode of the summed logits of `links`, each over its own source (sources[i] for
 * links[i], all with N rows). Returns int32 ids [N, maxLength + 1]: tokens, EOS, then PAD.
 */
export function ensembleGreedyDecode(links: readonly StepwiseLink[], sources: readonly tf.Tensor2D[], maxLength: number): tf.Tensor2D {
  if (links.length === 0) throw new SequenceLinkError('an ensemble needs at least one link: pass the links of the active source models')
  if (links.length !== sources.length) {
    throw new SequenceLinkError(`got ${links.length} links and ${sources.length} sources: pass one source per link, in the same order`)
  }
  const n = (sources[0] as tf.Tensor2D).shape[0]
  if (sources.some((s) => s.shape[0] !== n)) throw new SequenceLinkError('every source must have the same number of rows (one per input frame)')
  const width = maxLength + 1
  return tf.tidy(() => {
    let states = links.map((link, i) => link.start(sources[i] as tf.Tensor2D))
    let previous: tf.Tensor1D = tf.fill([n], EOS_ID, 'int32')
    let done: tf.Tensor1D = tf.zeros([n], 'bool')
    const chosen: tf.Tensor1D[] = []
    let penalty: tf.Tensor2D | undefined
    for (let t = 0; t < width; t++) {
      const steps = links.map((link, i) => link.step(states[i] as DecoderState, previous))
      states = steps.map((s) => s.state)
      const summed = tf.addN(steps.map((s) => s.logits))
      penalty ??= tf.mul(tf.oneHot(tf.fill([n], PAD_ID, 'int32'), summed.shape[1]), PAD_PENALTY) as tf.Tensor2D
      const best = tf.argMax(tf.sub(summed, penalty), 1).toInt() as tf.Tensor1D
      const next = tf.where(done, tf.fill([n], PAD_ID, 'int32'), best) as tf.Tensor1D
      chosen.push(next)
      done = tf.logicalOr(done, tf.equal(next, EOS_ID)) as tf.Tensor1D
      previous = next
      // One small read per step: stop as soon as every row has ended instead of running to maxLength.
      if (tf.all(done).dataSync()[0]) break
    }
    const decoded = tf.stack(chosen, 1) as tf.Tensor2D
    return tf.pad(decoded, [[0, 0], [0, width - chosen.length]], PAD_ID).toInt() as tf.Tensor2D
  })
}

/** Greedy decode of a single link. */
export function greedyDecode(link: StepwiseLink, source: tf.Tensor2D, maxLength: number): tf.Tensor2D {
  return ensembleGreedyDecode([link], [source], maxLength)
}
