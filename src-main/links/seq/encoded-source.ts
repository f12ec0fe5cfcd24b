// What an encoder hands the attention decoder, whatever the source's output format.
import type * as tf from '@tensorflow/tfjs'

/** A source model's output turned into attendable memory. */
export interface EncodedSource {
  /** Memory the decoder attends over [N, K, H]: one vector per source step (or memory slot). */
  outputs: tf.Tensor3D
  /** 1 where `outputs` holds a real step, 0 for padding [N, K]. */
  mask: tf.Tensor2D
  /** Summary of the whole source [N, H]; the decoder starts from it. */
  final: tf.Tensor2D
}
