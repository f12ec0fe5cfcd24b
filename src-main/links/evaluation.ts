// Scores of one target's links on the held-out blocks, with the constant baseline, the best
// single link (chosen on validation), the paper's ensemble over all sources, and a guarded
// ensemble that only adds a source when it helps on validation.
import { outputScore } from '../models/metrics'
import type { ModelOutput, OutputSpec } from '../models/output-spec'
import type { Architecture } from './training-config'

export interface LinkScore {
  source: string
  architecture: Architecture
  validation: number
  test: number
}

export interface TargetEvaluation {
  target: string
  links: LinkScore[]
  /** The training prior predicted for every test frame. */
  constant: number
  bestSingle: { source: string; test: number }
  /** h = sigma(sum of every source's pre-activations). */
  ensemble: number
  /** Forward selection on validation, starting from the best single source. */
  guarded: { sources: string[]; test: number }
}

/** A source joins the guarded ensemble only when it lifts the validation score by this much: */
/** a small validation block rewards noise, and a noisy source drags the test score down. */
export const GUARD_MARGIN = 0.02

/** Predicts the target for the given frames from the pre-activations of a subset of sources. */
export type EnsemblePredictor = (sources: string[], frames: number[]) => ModelOutput[]

export function meanScore(spec: OutputSpec, predicted: ModelOutput[], exact: ModelOutput[]): number {
  if (exact.length === 0) return 0
  return predicted.reduce((s, p, i) => s + outputScore(spec, p, exact[i]!), 0) / exact.length
}

export function evaluateTarget(args: {
  target: string
  spec: OutputSpec
  exact: ModelOutput[]
  sources: { id: string; architecture: Architecture }[]
  predict: EnsemblePredictor
  constant: ModelOutput
  validation: number[]
  test: number[]
}): TargetEvaluation {
  const { spec, exact, predict, validation, test } = args
  const score = (sources: string[], frames: number[]): number => meanScore(spec, predict(sources, frames), frames.map((f) => exact[f]!))
  const links = args.sources.map((s) => ({ source: s.id, architecture: s.architecture, validation: score([s.id], validation), test: score([s.id], test) }))
  const best = [...links].sort((a, b) => b.validation - a.validation)[0]!
  const chosen = [best.source]
  let current = best.validation
  for (;;) {
    const candidates = links.filter((l) => !chosen.includes(l.source)).map((l) => ({ source: l.source, validation: score([...chosen, l.source], validation) }))
    const next = candidates.sort((a, b) => b.validation - a.validation)[0]
    if (!next || next.validation < current + GUARD_MARGIN) break
    chosen.push(next.source)
    current = next.validation
  }
  return {
    target: args.target,
    links,
    constant: meanScore(spec, test.map(() => args.constant), test.map((f) => exact[f]!)),
    bestSingle: { source: best.source, test: best.test },
    ensemble: score(links.map((l) => l.source), test),
    guarded: { sources: chosen, test: score(chosen, test) }
  }
}
