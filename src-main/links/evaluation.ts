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
  /**
   * p_j(h_Aj) for every set A of active sources (the empty set = the constant prior): the guarded
   * ensemble within A, scored on validation (for choosing) and test (for reporting). Empty when the
   * target has more than MAX_SUBSET_SOURCES sources; selectors then fall back to the best single.
   */
  subsets: SubsetScore[]
}

export interface SubsetScore {
  active: string[]
  /** The sources of A whose links the guarded ensemble uses. */
  sources: string[]
  validation: number
  test: number
}

/** 2^12 subsets per target at most: beyond, the table would cost more than it tells. */
export const MAX_SUBSET_SOURCES = 12

/**
 * Whether a target's per-active-set table was kept. Links trained before it existed have only the
 * prior row; a target with more than MAX_SUBSET_SOURCES sources has only that row by design.
 */
export function hasSubsetTable(e: TargetEvaluation): boolean {
  return e.subsets.length > 1 || e.links.length > MAX_SUBSET_SOURCES
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

/** Guarded forward selection within `candidates`: the best single, then whatever lifts validation by GUARD_MARGIN. */
function guardedWithin(candidates: readonly string[], validationScore: (sources: string[]) => number): string[] {
  const ranked = candidates.map((c) => ({ source: c, validation: validationScore([c]) })).sort((a, b) => b.validation - a.validation)
  const chosen = [ranked[0]!.source]
  let current = ranked[0]!.validation
  for (;;) {
    const next = candidates
      .filter((c) => !chosen.includes(c))
      .map((c) => ({ source: c, validation: validationScore([...chosen, c]) }))
      .sort((a, b) => b.validation - a.validation)[0]
    if (!next || next.validation < current + GUARD_MARGIN) break
    chosen.push(next.source)
    current = next.validation
  }
  return chosen
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
  const memo = new Map<string, number>()
  const score = (sources: string[], frames: number[]): number => {
    const key = `${[...sources].sort().join(',')}|${frames === validation ? 'v' : frames === test ? 't' : frames.join(',')}`
    let value = memo.get(key)
    if (value === undefined) memo.set(key, (value = meanScore(spec, predict(sources, frames), frames.map((f) => exact[f]!))))
    return value
  }
  const onValidation = (sources: string[]): number => score(sources, validation)
  const links = args.sources.map((s) => ({ source: s.id, architecture: s.architecture, validation: score([s.id], validation), test: score([s.id], test) }))
  const best = [...links].sort((a, b) => b.validation - a.validation)[0]!
  const chosen = guardedWithin(links.map((l) => l.source), onValidation)
  const constantOn = (frames: number[]): number => meanScore(spec, frames.map(() => args.constant), frames.map((f) => exact[f]!))
  const ids = links.map((l) => l.source)
  const subsets: SubsetScore[] = [{ active: [], sources: [], validation: constantOn(validation), test: constantOn(test) }]
  if (ids.length <= MAX_SUBSET_SOURCES) {
    for (let mask = 1; mask < 1 << ids.length; mask++) {
      const active = ids.filter((_, k) => mask & (1 << k))
      const sources = guardedWithin(active, onValidation)
      subsets.push({ active, sources, validation: score(sources, validation), test: score(sources, test) })
    }
  }
  return {
    target: args.target,
    links,
    constant: constantOn(test),
    bestSingle: { source: best.source, test: best.test },
    ensemble: score(ids, test),
    guarded: { sources: chosen, test: score(chosen, test) },
    subsets
  }
}
