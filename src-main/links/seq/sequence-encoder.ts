// Encodes a sequence source (token ids) with Embedding + LSTM, for seq->vec and seq->seq links.
import * as tf from '@tensorflow/tfjs'
import type { EncodedSource } from './encoded-source'
import { LstmCell, type LstmState } from './lstm'
import { Embedding, type ParameterStore } from './parameters'
import { SequenceLinkError } from './errors'
import { idCount, paddingMask } from './tokens'

export interface SequenceEncoderOptions {
  /** Tokens in the source vocabulary (ids 0 and 1 are added for PAD and EOS). */
  vocabularySize: number
  /** Longest source sequence in tokens; ids are [N, maxLength + 1]. */
  maxLength: number
  embedding: number
  hidden: number
}

export class SequenceEncoder {
  private readonly embedding: Embedding
  private readonly cell: LstmCell

  constructor(params: ParameterStore, readonly options: SequenceEncoderOptions) {
    this.embedding = new Embedding(params, idCount(options.vocabularySize), options.embedding)
    this.cell = new LstmCell(params, options.embedding, options.hidden)
  }

  /**
   * ids int32 [N, maxLength + 1] (see encodeSequences) -> memory, mask and final state. Trailing
   * all-PAD columns may be cut off first (see trimPadding): fewer steps, the same result.
   */
  encode(ids: tf.Tensor2D): EncodedSource {
    const [n, length] = ids.shape
    if (length > this.options.maxLength + 1) {
      throw new SequenceLinkError(`source ids have ${length} columns, the encoder expects at most maxLength + 1 = ${this.options.maxLength + 1}: encode them with encodeSequences(…, ${this.options.maxLength})`)
    }
    return tf.tidy(() => {
      const mask = paddingMask(ids)
      const embedded = this.embedding.apply(ids).reshape([n * length, this.options.embedding]) as tf.Tensor2D
      const projected = this.cell.projectInputs(embedded).reshape([n, length, 4 * this.options.hidden])
      let state: LstmState = this.cell.zeroState(n)
      const outputs: tf.Tensor2D[] = []
      for (let t = 0; t < length; t++) {
        const stepInput = projected.slice([0, t, 0], [n, 1, -1]).reshape([n, -1]) as tf.Tensor2D
        const stepMask = mask.slice([0, t], [n, 1])
        // Masked steps keep the state, so the final state is the one after the sequence's EOS.
        state = this.cell.stepProjected(stepInput, state, stepMask)
        outputs.push(state.h)
      }
      return { outputs: tf.stack(outputs, 1) as tf.Tensor3D, mask, final: state.h }
    })
  }
}
