// seq->seq model link: a sequence source (e.g. a captioner's tokens) to a target model's sequence.
// Its source tensor is int32 ids [N, sourceMaxLength + 1] from encodeSequences.
import { DecodingLink, type TargetSequenceOptions } from './decoding-link'
import { SequenceEncoder } from './sequence-encoder'

export interface SeqToSeqLinkOptions extends TargetSequenceOptions {
  /** Tokens in the source model's vocabulary. */
  sourceVocabularySize: number
  /** Longest source sequence; source ids are [N, sourceMaxLength + 1]. */
  sourceMaxLength: number
}

export class SeqToSeqLink extends DecodingLink {
  constructor(readonly options: SeqToSeqLinkOptions) {
    super(options, (params) =>
      new SequenceEncoder(params, {
        vocabularySize: options.sourceVocabularySize,
        maxLength: options.sourceMaxLength,
        embedding: options.embedding,
        hidden: options.hidden
      })
    )
  }
}
