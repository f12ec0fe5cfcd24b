// Encodes a vector source for a vec->seq link: a ReLU MLP that spreads the vector over K memory
// slots, so the decoder's attention has several things to choose between at each step.
import * as tf from '@tensorflow/tfjs'
import type { EncodedSource } from './encoded-source'
import { Dense, type ParameterStore } from './parameters'
import { SequenceLinkError } from './errors'

export interface VectorEncoderOptions {
  /** Width Din of the (already normalised) source vector. */
  inputSize: number
  hidden: number
  /** Number K of memory slots the decoder attends over. */
  memorySlots: number
}

export class VectorEncoder {
  private readonly input: Dense
  private readonly memory: Dense
  private readonly summary: Dense

  constructor(params: ParameterStore, readonly options: VectorEncoderOptions) {
    this.input = new Dense(params, options.inputSize, options.hidden)
    this.memory = new Dense(params, options.hidden, options.memorySlots * options.hidden)
    this.summary = new Dense(params, options.hidden, options.hidden)
  }

  /** source float32 [N, Din] -> K memory slots of size H, an all-ones mask and a start state. */
  encode(source: tf.Tensor2D): EncodedSource {
    const [n, width] = source.shape
    if (width !== this.options.inputSize) {
      throw new SequenceLinkError(`source vectors have ${width} values, the encoder expects ${this.options.inputSize}: build the link with the source model's output width`)
    }
    const { hidden, memorySlots } = this.options
    return tf.tidy(() => {
      const features = tf.relu(this.input.apply(source))
      // tanh keeps slots and start state in the LSTM's own (-1, 1) range, so dot-product scores stay tame.
      const outputs = tf.tanh(this.memory.apply(features)).reshape([n, memorySlots, hidden]) as tf.Tensor3D
      const final = tf.tanh(this.summary.apply(features))
      return { outputs, mask: tf.ones([n, memorySlots]) as tf.Tensor2D, final }
    })
  }
}
