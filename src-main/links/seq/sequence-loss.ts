// Training loss for sequence targets; the links return logits and the caller owns the loss.
import * as tf from '@tensorflow/tfjs'
import { paddingMask } from './tokens'

/**
 * Softmax cross-entropy of logits [N, T, C] against target ids [N, T], averaged over non-PAD
 * positions. The EOS position counts, so links learn where a sequence stops.
 */
export function sequenceLoss(logits: tf.Tensor3D, targetIds: tf.Tensor2D): tf.Scalar {
  return tf.tidy(() => {
    const classes = logits.shape[2]
    const mask = paddingMask(targetIds)
    const targets = tf.oneHot(targetIds.toInt(), classes)
    const perPosition = tf.neg(tf.sum(tf.mul(targets, tf.logSoftmax(logits)), 2))
    // max(…, 1): a batch of empty targets has no positions and would divide by zero.
    return tf.div(tf.sum(tf.mul(perPosition, mask)), tf.maximum(tf.sum(mask), 1)) as tf.Scalar
  })
}
