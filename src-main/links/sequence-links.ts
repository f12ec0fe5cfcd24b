// The three link architectures that involve a sequence, built from the two models' specs — the
// same way for training and for loading stored weights back.
import * as tf from '@tensorflow/tfjs'
import type { ModelDefinition } from '../models/definition'
import type { ModelOutput } from '../models/output-spec'
import { encodedWidth, encodeVector } from './encoding'
import { encodeSequences, SeqToSeqLink, SeqToVecLink, VecToSeqLink } from './seq'
import type { Architecture, TrainingConfig } from './training-config'

export type SequenceLink = SeqToVecLink | VecToSeqLink | SeqToSeqLink

export function architectureOf(source: ModelDefinition, target: ModelDefinition): Architecture {
  return `${source.spec.kind === 'vector' ? 'vec' : 'seq'}2${target.spec.kind === 'vector' ? 'vec' : 'seq'}` as Architecture
}

/** A fresh seq2vec, vec2seq or seq2seq link from `source` to `target` (vec2vec links live in VecLinkGroup). */
export function buildSequenceLink(source: ModelDefinition, target: ModelDefinition, sizes: Pick<TrainingConfig, 'hidden' | 'embedding'>, seed: number): SequenceLink {
  const s = source.spec
  const t = target.spec
  const { hidden, embedding } = sizes
  if (t.kind === 'vector') {
    if (s.kind !== 'sequence') throw new Error(`${source.id} -> ${target.id} is a vec2vec link`)
    return new SeqToVecLink({ vocabularySize: s.vocabulary.length, maxLength: s.maxLength, embedding, hidden, outputSize: encodedWidth(t), seed })
  }
  const options = { targetVocabularySize: t.vocabulary.length, targetMaxLength: t.maxLength, embedding, hidden, seed }
  if (s.kind === 'vector') return new VecToSeqLink({ ...options, inputSize: encodedWidth(s) })
  return new SeqToSeqLink({ ...options, sourceVocabularySize: s.vocabulary.length, sourceMaxLength: s.maxLength })
}

export const tokensOf = (outputs: readonly ModelOutput[]): string[][] => outputs.map((o) => (o.kind === 'sequence' ? o.tokens : []))

/** A source model's outputs as the tensor its link reads: encoded vectors, or token ids. */
export function sourceTensor(def: ModelDefinition, outputs: readonly ModelOutput[]): tf.Tensor2D {
  const spec = def.spec
  if (spec.kind === 'vector') return tf.tensor2d(outputs.map((o) => encodeVector(spec, o)), [outputs.length, encodedWidth(spec)])
  return encodeSequences(tokensOf(outputs), spec.vocabulary, spec.maxLength)
}
