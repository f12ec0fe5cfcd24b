// seq->vec model link: Embedding-LSTM over the source's tokens, then a ReLU MLP to the target's
// pre-activations. The caller puts its per-part activations and loss on top of the logits.
import * as tf from '@tensorflow/tfjs'
import { Dense } from './parameters'
import { ParameterizedLink } from './parameterized-link'
import { SequenceEncoder } from './sequence-encoder'

export interface SeqToVecLinkOptions {
  /** Tokens in the source model's vocabulary. */
  vocabularySize: number
  /** Longest source sequence; ids are [N, maxLength + 1]. */
  maxLength: number
  embedding: number
  hidden: number
  /** Width Dout of the target model's output (its pre-activations). */
  outputSize: number
  /** Seed of the initial weights; the same seed gives the same link. */
  seed: number
}

export class SeqToVecLink extends ParameterizedLink {
  private readonly encoder: SequenceEncoder
  private readonly hiddenLayer: Dense
  private readonly outputLayer: Dense

  constructor(readonly options: SeqToVecLinkOptions) {
    super(options.seed)
    this.encoder = new SequenceEncoder(this.params, options)
    this.hiddenLayer = new Dense(this.params, options.hidden, options.hidden)
    this.outputLayer = new Dense(this.params, options.hidden, options.outputSize)
  }

  /** Source ids int32 [N, maxLength + 1] -> features [N, hidden]: final LSTM state through Dense + ReLU. */
  features(ids: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => tf.relu(this.hiddenLayer.apply(this.encoder.encode(ids).final)))
  }

  /** Source ids int32 [N, maxLength + 1] -> target pre-activations [N, outputSize]. */
  logits(ids: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => this.outputLayer.apply(this.features(ids)))
  }
}
