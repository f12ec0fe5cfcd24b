// vec->seq model link: a vector source (e.g. a classifier's scores) to a target model's sequence.
// Its source tensor is float32 [N, inputSize].
import { DecodingLink, type TargetSequenceOptions } from './decoding-link'
import { VectorEncoder } from './vector-encoder'

export interface VecToSeqLinkOptions extends TargetSequenceOptions {
  /** Width Din of the (normalised) source vector. */
  inputSize: number
  /** Memory slots the decoder attends over; default 4. */
  memorySlots?: number
}

export class VecToSeqLink extends DecodingLink {
  constructor(readonly options: VecToSeqLinkOptions) {
    super(options, (params) => new VectorEncoder(params, { inputSize: options.inputSize, hidden: options.hidden, memorySlots: options.memorySlots ?? 4 }))
  }
}
