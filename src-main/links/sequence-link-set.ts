// A run's stored links that involve a sequence, loaded back for prediction: seq2vec links add their
// pre-activations to a vector target's ensemble sum; vec2seq and seq2seq links decode a sequence
// target step by step, summing the step logits of every source in the ensemble.
import * as tf from '@tensorflow/tfjs'
import type { ModelDefinition } from '../models/definition'
import type { ModelOutput } from '../models/output-spec'
import type { LoadedLinkWeights } from '../store/links-repo'
import { decodeBatch, ensembleGreedyDecode, type SeqToVecLink, type StepwiseLink } from './seq'
import { buildSequenceLink, sourceTensor, type SequenceLink } from './sequence-links'

interface Loaded {
  source: string
  target: string
  link: SequenceLink
}

export class SequenceLinkSet {
  private readonly links: Loaded[]

  constructor(
    private readonly models: readonly ModelDefinition[],
    stored: readonly LoadedLinkWeights[]
  ) {
    this.links = stored
      .filter((l) => l.architecture !== 'vec2vec')
      .map((l) => {
        const link = buildSequenceLink(this.model(l.source), this.model(l.target), l.config, 0)
        link.setWeights(l.weights)
        return { source: l.source, target: l.target, link }
      })
  }

  /** Sequence targets these links predict. */
  sequenceTargets(): string[] {
    return [...new Set(this.links.filter((l) => this.model(l.target).spec.kind === 'sequence').map((l) => l.target))]
  }

  /** Pre-activations of the seq2vec links whose source is in `outputs` and that `wanted` asks for. */
  vectorLogits(outputs: ReadonlyMap<string, ModelOutput>, wanted: (source: string, target: string) => boolean): { source: string; target: string; values: number[] }[] {
    return this.links
      .filter((l) => this.model(l.target).spec.kind === 'vector' && outputs.has(l.source) && wanted(l.source, l.target))
      .map((l) => ({
        source: l.source,
        target: l.target,
        values: tf.tidy(() => Array.from((l.link as SeqToVecLink).logits(sourceTensor(this.model(l.source), [outputs.get(l.source)!])).dataSync()))
      }))
  }

  /** The sequence target decoded from the given sources' outputs (those with a link), or null if none has one. */
  decode(target: string, outputs: ReadonlyMap<string, ModelOutput>, sources: readonly string[]): { output: ModelOutput; sources: string[] } | null {
    const chosen = this.links.filter((l) => l.target === target && sources.includes(l.source) && outputs.has(l.source))
    if (chosen.length === 0) return null
    const spec = this.model(target).spec
    if (spec.kind !== 'sequence') return null
    const [tokens] = tf.tidy(() => {
      const ids = ensembleGreedyDecode(
        chosen.map((l) => l.link as unknown as StepwiseLink),
        chosen.map((l) => sourceTensor(this.model(l.source), [outputs.get(l.source)!])),
        spec.maxLength
      )
      return decodeBatch(ids, spec.vocabulary)
    })
    return { output: { kind: 'sequence', tokens: tokens ?? [] }, sources: chosen.map((l) => l.source) }
  }

  dispose(): void {
    this.links.forEach((l) => l.link.dispose())
  }

  private model(id: string): ModelDefinition {
    const def = this.models.find((m) => m.id === id)
    if (!def) throw new Error(`model '${id}' of a stored link is no longer known`)
    return def
  }
}
