// Trainable parameters as plain tf.Variables in a fixed creation order, so one optimizer can
// train several links together and a link's weights round-trip through storage unchanged.
import * as tf from '@tensorflow/tfjs'
import { SequenceLinkError } from './errors'

/** Owns a link's variables in creation order; that order is the serialisation order. */
export class ParameterStore {
  private readonly vars: tf.Variable[] = []
  private nextSeed: number

  constructor(seed: number) {
    this.nextSeed = seed
  }

  /** Glorot-uniform matrix [fanIn, fanOut]; each parameter draws its own seed so runs repeat exactly. */
  matrix(fanIn: number, fanOut: number): tf.Variable {
    const limit = Math.sqrt(6 / (fanIn + fanOut))
    return this.add(tf.randomUniform([fanIn, fanOut], -limit, limit, 'float32', this.takeSeed()))
  }

  /** Constant-filled vector (biases). */
  vector(size: number, value = 0): tf.Variable {
    return this.add(tf.fill([size], value))
  }

  /** Adopts an initial tensor as a trainable variable (the tensor is consumed). */
  add(initial: tf.Tensor): tf.Variable {
    // No name: TF.js names must be globally unique and several links live side by side.
    const variable = tf.variable(initial, true)
    initial.dispose()
    this.vars.push(variable)
    return variable
  }

  variables(): tf.Variable[] {
    return [...this.vars]
  }

  shapes(): number[][] {
    return this.vars.map((v) => [...v.shape])
  }

  weights(): Float32Array[] {
    return this.vars.map((v) => Float32Array.from(v.dataSync()))
  }

  setWeights(weights: readonly Float32Array[]): void {
    if (weights.length !== this.vars.length) {
      throw new SequenceLinkError(`expected ${this.vars.length} weight arrays, got ${weights.length}: the weights were saved from a link with a different architecture`)
    }
    this.vars.forEach((v, i) => {
      const w = weights[i] as Float32Array
      if (w.length !== v.size) {
        throw new SequenceLinkError(`weight ${i} has ${w.length} values, expected ${v.size} for shape [${v.shape.join(', ')}]: rebuild the link with the options it was trained with`)
      }
      tf.tidy(() => v.assign(tf.tensor(w, v.shape, 'float32')))
    })
  }

  dispose(): void {
    for (const v of this.vars) v.dispose()
    this.vars.length = 0
  }

  private takeSeed(): number {
    return this.nextSeed++
  }
}

/** Fully connected layer y = x W + b. */
export class Dense {
  private readonly kernel: tf.Variable
  private readonly bias: tf.Variable

  constructor(params: ParameterStore, inputSize: number, outputSize: number) {
    this.kernel = params.matrix(inputSize, outputSize)
    this.bias = params.vector(outputSize)
  }

  apply(x: tf.Tensor2D): tf.Tensor2D {
    return tf.add(tf.matMul(x, this.kernel as tf.Tensor2D), this.bias)
  }
}

/** Lookup table from ids to vectors. */
export class Embedding {
  private readonly table: tf.Variable

  constructor(params: ParameterStore, private readonly idCount: number, size: number) {
    this.table = params.matrix(idCount, size)
  }

  /** ids [...] -> [..., size]. */
  apply(ids: tf.Tensor): tf.Tensor {
    // One-hot times the table rather than tf.gather: gather's gradient needs UnsortedSegmentSum,
    // which the wasm backend lacks, and link vocabularies are small enough for the product.
    const flat = tf.oneHot(ids.reshape([-1]).toInt(), this.idCount).toFloat()
    const rows = tf.matMul(flat, this.table as tf.Tensor2D)
    return rows.reshape([...ids.shape, this.table.shape[1] ?? 0])
  }
}
