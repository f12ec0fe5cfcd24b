// LSTM decoder with Luong dot-product attention over an encoded source. Step-wise use lets an
// ensemble sum the pre-activations (logits) of several links before choosing each token.
import * as tf from '@tensorflow/tfjs'
import type { EncodedSource } from './encoded-source'
import { LstmCell } from './lstm'
import { Dense, Embedding, type ParameterStore } from './parameters'
import { SequenceLinkError } from './errors'
import { ensembleGreedyDecode } from './greedy-decode'
import { EOS_ID, idCount } from './tokens'

export interface AttentionDecoderOptions {
  /** Tokens in the target vocabulary; the decoder predicts vocabularySize + 2 ids. */
  vocabularySize: number
  embedding: number
  /** Must equal the encoder's hidden size: attention scores are dot products. */
  hidden: number
}

/** Decoder state between steps; holds the encoded source it attends over. */
export interface DecoderState {
  h: tf.Tensor2D
  c: tf.Tensor2D
  memory: EncodedSource
}

export interface DecoderStep {
  /** Pre-activation scores over all target ids [N, vocabularySize + 2]. */
  logits: tf.Tensor2D
  state: DecoderState
}

/** Added to the score of masked memory positions so softmax gives them no weight. */
const MASKED_SCORE = -1e9

export class AttentionDecoder {
  private readonly embedding: Embedding
  private readonly cell: LstmCell
  private readonly output: Dense

  constructor(params: ParameterStore, readonly options: AttentionDecoderOptions) {
    this.embedding = new Embedding(params, idCount(options.vocabularySize), options.embedding)
    this.cell = new LstmCell(params, options.embedding, options.hidden)
    this.output = new Dense(params, 2 * options.hidden, idCount(options.vocabularySize))
  }

  /** Initial state: the encoder's summary as h, an empty cell. Call inside tf.tidy. */
  start(memory: EncodedSource): DecoderState {
    const [n, hidden] = memory.final.shape
    if (hidden !== this.options.hidden) {
      throw new SequenceLinkError(`encoder hidden size ${hidden} differs from the decoder's ${this.options.hidden}: build both with the same hidden size`)
    }
    return { h: memory.final, c: tf.zeros([n, hidden]), memory }
  }

  /** One step from the previous target ids int32 [N] (EOS_ID at the start). Call inside tf.tidy. */
  step(state: DecoderState, prevIds: tf.Tensor1D): DecoderStep {
    const x = this.embedding.apply(prevIds) as tf.Tensor2D
    const next = this.cell.step(x, state)
    return { logits: this.readout(next.h, state.memory), state: { ...next, memory: state.memory } }
  }

  /** Training pass: logits [N, T, vocabularySize + 2] for target ids [N, T], feeding the true previous token. */
  teacherForced(memory: EncodedSource, targetIds: tf.Tensor2D): tf.Tensor3D {
    const [n, length] = targetIds.shape
    return tf.tidy(() => {
      const starts = tf.fill([n, 1], EOS_ID, 'int32')
      const previous = tf.concat([starts, targetIds.slice([0, 0], [n, length - 1]).toInt()], 1)
      const embedded = this.embedding.apply(previous).reshape([n * length, this.options.embedding]) as tf.Tensor2D
      const projected = this.cell.projectInputs(embedded).reshape([n, length, 4 * this.options.hidden])
      let state = { h: memory.final, c: tf.zeros([n, this.options.hidden]) as tf.Tensor2D }
      const logits: tf.Tensor2D[] = []
      for (let t = 0; t < length; t++) {
        state = this.cell.stepProjected(projected.slice([0, t, 0], [n, 1, -1]).reshape([n, -1]) as tf.Tensor2D, state)
        logits.push(this.readout(state.h, memory))
      }
      return tf.stack(logits, 1) as tf.Tensor3D
    })
  }

  /** Greedy decode of one encoded source: int32 ids [N, maxLength + 1] (tokens, EOS, PAD). */
  greedyDecode(memory: EncodedSource, maxLength: number): tf.Tensor2D {
    // The memory is already encoded, so the "source" is only there to give the batch size.
    const link = { start: () => this.start(memory), step: (s: DecoderState, prev: tf.Tensor1D) => this.step(s, prev) }
    return ensembleGreedyDecode([link], [memory.final], maxLength)
  }

  /** Logits from the decoder state and its attention context: Dense(concat(h, context)). */
  private readout(h: tf.Tensor2D, memory: EncodedSource): tf.Tensor2D {
    return this.output.apply(tf.concat([h, attend(h, memory)], 1))
  }
}

/** Luong dot-product attention: context [N, H] = softmax(memory · h) weighted memory. */
export function attend(h: tf.Tensor2D, memory: EncodedSource): tf.Tensor2D {
  return tf.tidy(() => {
    const [n, hidden] = h.shape
    const scores = tf.matMul(memory.outputs, h.reshape([n, hidden, 1])).reshape([n, -1])
    const masked = tf.add(scores, tf.mul(tf.sub(1, memory.mask), MASKED_SCORE))
    const weights = tf.softmax(masked).reshape([n, 1, -1]) as tf.Tensor3D
    return tf.matMul(weights, memory.outputs).reshape([n, hidden]) as tf.Tensor2D
  })
}
