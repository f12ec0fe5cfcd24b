// Every vector-input link into one vector target, as ONE batched ReLU MLP: link l's weights are
// slice l of each parameter, so a training step for all sources of a target is a handful of
// batched matrix products instead of one small fit per link. Sources of different widths are
// zero-padded to the widest (padding contributes nothing).
import * as tf from '@tensorflow/tfjs'

export interface VecLinkGroupOptions {
  /** Width of each link's (encoded) source vector. */
  inputSizes: number[]
  /** Width of the target's encoded vector. */
  outputSize: number
  /** Hidden units per layer (two layers). */
  hidden: number
  seed: number
}

export class VecLinkGroup {
  readonly links: number
  readonly inputSize: number
  private readonly params: tf.Variable[]

  constructor(readonly options: VecLinkGroupOptions) {
    this.links = options.inputSizes.length
    this.inputSize = Math.max(1, ...options.inputSizes)
    const { hidden: h, outputSize: d, seed } = options
    const L = this.links
    // He initialisation for ReLU layers, small output weights so early logits sit near zero.
    const init = (shape: number[], fanIn: number, s: number, scale = Math.sqrt(2 / fanIn)) => tf.variable(tf.randomNormal(shape, 0, scale, 'float32', seed + s))
    this.params = [
      init([L, this.inputSize, h], this.inputSize, 1),
      tf.variable(tf.zeros([L, 1, h])),
      init([L, h, h], h, 2),
      tf.variable(tf.zeros([L, 1, h])),
      init([L, h, d], h, 3, 0.1),
      tf.variable(tf.zeros([L, 1, d]))
    ]
  }

  variables(): tf.Variable[] {
    return this.params
  }

  /** x [L, N, inputSize] -> logits [L, N, outputSize]. */
  logits(x: tf.Tensor3D): tf.Tensor3D {
    return tf.tidy(() => {
      const [w1, b1, w2, b2, w3, b3] = this.params as [tf.Variable, tf.Variable, tf.Variable, tf.Variable, tf.Variable, tf.Variable]
      const h1 = tf.relu(tf.matMul(x, w1 as tf.Tensor3D).add(b1))
      const h2 = tf.relu(tf.matMul(h1 as tf.Tensor3D, w2 as tf.Tensor3D).add(b2))
      return tf.matMul(h2 as tf.Tensor3D, w3 as tf.Tensor3D).add(b3) as tf.Tensor3D
    })
  }

  /** Link l's parameters, in a fixed order, for storage. */
  weightsOf(l: number): { shape: number[]; values: Float32Array }[] {
    return this.params.map((p) => {
      const slice = tf.tidy(() => p.slice([l], [1]).squeeze([0]))
      const values = slice.dataSync() as Float32Array
      const shape = slice.shape
      slice.dispose()
      return { shape, values }
    })
  }

  dispose(): void {
    for (const p of this.params) p.dispose()
  }
}

/** Stacks each link's source rows [N, width] into [L, N, inputSize], zero-padded. */
export function stackInputs(sources: number[][][], inputSize: number): tf.Tensor3D {
  const L = sources.length
  const N = sources[0]?.length ?? 0
  const data = new Float32Array(L * N * inputSize)
  sources.forEach((rows, l) => rows.forEach((row, n) => data.set(row, (l * N + n) * inputSize)))
  return tf.tensor3d(data, [L, N, inputSize])
}
