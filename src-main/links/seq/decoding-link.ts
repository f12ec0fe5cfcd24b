// What vec->seq and seq->seq links share: an encoder over their own source, an attention
// decoder for the target sequence, and one parameter store for training and storage.
import * as tf from '@tensorflow/tfjs'
import { AttentionDecoder, type DecoderState, type DecoderStep } from './attention-decoder'
import type { EncodedSource } from './encoded-source'
import { ensembleGreedyDecode, type StepwiseLink } from './greedy-decode'
import type { ParameterStore } from './parameters'
import { ParameterizedLink } from './parameterized-link'

export interface TargetSequenceOptions {
  /** Tokens in the target model's vocabulary. */
  targetVocabularySize: number
  /** Longest target sequence; target ids are [N, targetMaxLength + 1]. */
  targetMaxLength: number
  embedding: number
  /** Hidden size of encoder and decoder alike (attention takes their dot product). */
  hidden: number
  /** Seed of the initial weights; the same seed gives the same link. */
  seed: number
}

/** Turns a link's own source tensor into memory for the decoder. */
export interface SourceEncoder {
  encode(source: tf.Tensor2D): EncodedSource
}

export class DecodingLink extends ParameterizedLink implements StepwiseLink {
  private readonly encoder: SourceEncoder
  private readonly decoder: AttentionDecoder

  /** The encoder is built before the decoder: creation order is the weights' order. */
  constructor(readonly targetOptions: TargetSequenceOptions, buildEncoder: (params: ParameterStore) => SourceEncoder) {
    super(targetOptions.seed)
    this.encoder = buildEncoder(this.params)
    this.decoder = new AttentionDecoder(this.params, {
      vocabularySize: targetOptions.targetVocabularySize,
      embedding: targetOptions.embedding,
      hidden: targetOptions.hidden
    })
  }

  /** Teacher-forced logits [N, T, targetVocabularySize + 2] for training with sequenceLoss. */
  trainLogits(source: tf.Tensor2D, targetIds: tf.Tensor2D): tf.Tensor3D {
    return tf.tidy(() => this.decoder.teacherForced(this.encoder.encode(source), targetIds))
  }

  /** Decoder state for step-wise (ensemble) decoding. Call inside tf.tidy. */
  start(source: tf.Tensor2D): DecoderState {
    return this.decoder.start(this.encoder.encode(source))
  }

  /** One decoding step: logits [N, targetVocabularySize + 2]. Call inside tf.tidy. */
  step(state: DecoderState, prevIds: tf.Tensor1D): DecoderStep {
    return this.decoder.step(state, prevIds)
  }

  /** Greedy decode: int32 ids [N, targetMaxLength + 1] (tokens, EOS, PAD); decode with decodeBatch. */
  greedyDecode(source: tf.Tensor2D, maxLength = this.targetOptions.targetMaxLength): tf.Tensor2D {
    return ensembleGreedyDecode([this], [source], maxLength)
  }
}
