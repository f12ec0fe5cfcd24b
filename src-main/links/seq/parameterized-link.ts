// A link that owns its weights in one ParameterStore: trainable variables, and weights that
// round-trip through storage in creation order.
import type * as tf from '@tensorflow/tfjs'
import { ParameterStore } from './parameters'

export abstract class ParameterizedLink {
  protected readonly params: ParameterStore

  constructor(seed: number) {
    this.params = new ParameterStore(seed)
  }

  variables(): tf.Variable[] {
    return this.params.variables()
  }

  /** Weight arrays in creation order; `weightShapes()` gives their shapes. */
  weights(): Float32Array[] {
    return this.params.weights()
  }

  weightShapes(): number[][] {
    return this.params.shapes()
  }

  setWeights(weights: readonly Float32Array[]): void {
    this.params.setWeights(weights)
  }

  dispose(): void {
    this.params.dispose()
  }
}
