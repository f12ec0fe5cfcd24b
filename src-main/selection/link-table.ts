// A SelectionProblem from a trained run: p_j(h_Aj) looked up in the per-target table of every
// active set the training scored (validation to choose, test to report), model costs as measured.
import type { TargetEvaluation } from '../links/evaluation'
import type { CostType, Ensemble, SelectionProblem } from './problem'

export type Split = 'validation' | 'test'

export interface LinkTableOptions {
  evaluations: readonly TargetEvaluation[]
  /** c(f_i) per model of the run. */
  modelCost: (id: string) => number
  /** c(g_ij): under memory the link's weight bytes (by `source>target`), under latency `linkMs` each. */
  costType: CostType
  linkBytes: ReadonlyMap<string, number>
  linkMs: number
  split: Split
}

export function linkTableProblem(options: LinkTableOptions): SelectionProblem {
  const { evaluations, split } = options
  const byTarget = new Map(evaluations.map((e) => [e.target, { evaluation: e, subsets: new Map(e.subsets.map((s) => [key(s.active), s])) }]))
  return {
    models: evaluations.map((e) => ({ id: e.target, cost: options.modelCost(e.target) })),
    linkCost: (s, t) => (options.costType === 'memory' ? options.linkBytes.get(`${s}>${t}`) ?? 0 : options.linkMs),
    ensemble(target: string, active: readonly string[]): Ensemble {
      const entry = byTarget.get(target)
      if (!entry) throw new Error(`no links into '${target}' in this run`)
      const linked = active.filter((a) => entry.evaluation.links.some((l) => l.source === a))
      const row = entry.subsets.get(key(linked))
      if (row) return { sources: row.sources, score: row[split] }
      // No table for this set (a zoo too large to tabulate): the best single link of the set, else the prior.
      const best = entry.evaluation.links.filter((l) => linked.includes(l.source)).sort((a, b) => b.validation - a.validation)[0]
      const prior = entry.subsets.get('')
      if (!best) return { sources: [], score: prior ? prior[split] : entry.evaluation.constant }
      return { sources: [best.source], score: best[split] }
    }
  }
}

const key = (ids: readonly string[]): string => [...ids].sort().join(',')
