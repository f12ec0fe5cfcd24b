// The LSTM cell shared by the sequence encoder and the attention decoder.
import * as tf from '@tensorflow/tfjs'
import type { ParameterStore } from './parameters'

export interface LstmState {
  h: tf.Tensor2D
  c: tf.Tensor2D
}

/** LSTM cell with the four gates fused into one matrix product (order: input, forget, cell, output). */
export class LstmCell {
  private readonly inputKernel: tf.Variable
  private readonly recurrentKernel: tf.Variable
  private readonly bias: tf.Variable

  constructor(params: ParameterStore, inputSize: number, readonly hidden: number) {
    this.inputKernel = params.matrix(inputSize, 4 * hidden)
    this.recurrentKernel = params.matrix(hidden, 4 * hidden)
    // Forget-gate bias 1 (Jozefowicz et al. 2015): the state is kept by default early in training.
    const bias = new Float32Array(4 * hidden)
    bias.fill(1, hidden, 2 * hidden)
    this.bias = params.add(tf.tensor1d(bias))
  }

  /** x W for a whole batch of inputs [M, in] -> [M, 4H], so encoders project every step at once. */
  projectInputs(x: tf.Tensor2D): tf.Tensor2D {
    return tf.add(tf.matMul(x, this.inputKernel as tf.Tensor2D), this.bias)
  }

  /** One step from projected inputs [N, 4H]; where mask [N, 1] is 0 the previous state is kept. */
  stepProjected(projected: tf.Tensor2D, state: LstmState, mask?: tf.Tensor2D): LstmState {
    const z = tf.add(projected, tf.matMul(state.h, this.recurrentKernel as tf.Tensor2D))
    const [i, f, g, o] = tf.split(z, 4, 1) as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D, tf.Tensor2D]
    const c = tf.add(tf.mul(tf.sigmoid(f), state.c), tf.mul(tf.sigmoid(i), tf.tanh(g))) as tf.Tensor2D
    const h = tf.mul(tf.sigmoid(o), tf.tanh(c)) as tf.Tensor2D
    if (!mask) return { h, c }
    return { h: keepWhereMasked(h, state.h, mask), c: keepWhereMasked(c, state.c, mask) }
  }

  step(x: tf.Tensor2D, state: LstmState, mask?: tf.Tensor2D): LstmState {
    return this.stepProjected(this.projectInputs(x), state, mask)
  }

  zeroState(batch: number): LstmState {
    return { h: tf.zeros([batch, this.hidden]), c: tf.zeros([batch, this.hidden]) }
  }
}

function keepWhereMasked(next: tf.Tensor2D, previous: tf.Tensor2D, mask: tf.Tensor2D): tf.Tensor2D {
  // Arithmetic blend rather than tf.where: the mask broadcasts over the hidden units.
  return tf.add(tf.mul(mask, next), tf.mul(tf.sub(1, mask), previous)) as tf.Tensor2D
}
