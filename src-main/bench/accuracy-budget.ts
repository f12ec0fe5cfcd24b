// The accuracy-vs-budget comparison: for each budget, the average output accuracy on the test
// block (the later frames of each clip) of Standalone, Standalone+prior, Reducto-style frame
// filtering, MLink with each selector, and MLink with frame filtering — every figure measured by
// replaying the test frames, not read from the selectors' own estimates.
import type { LinkDataset } from '../links/dataset'
import type { TargetEvaluation } from '../links/evaluation'
import type { LinkBank } from '../links/link-bank'
import { trainingPriors } from '../links/baseline'
import { outputScore } from '../models/metrics'
import type { ModelOutput } from '../models/output-spec'
import { linkTableProblem } from '../selection/link-table'
import type { CostReport } from '../api/contract'
import { costValue, type CostType, type Plan } from '../selection/problem'
import { select, type SelectorName } from '../selection/selectors'
import { filterFrames, thresholdFor } from './frame-change'

/** A model's measured memory and latency, as the cost probe reports them. */
export type ModelCosts = Pick<CostReport, 'memoryBytes' | 'latencyP50Ms'>

export interface BenchInput {
  ds: LinkDataset
  evaluations: readonly TargetEvaluation[]
  bank: LinkBank
  costs: ReadonlyMap<string, ModelCosts>
  /** Bytes of each link's weights, by `${source}>${target}`. */
  linkBytes: ReadonlyMap<string, number>
  /** Measured mean time of one link's forward per frame. */
  linkMs: number
  thumbs: readonly Uint8Array[]
  costType: CostType
}

export interface BenchRow {
  budget: number
  budgetValue: number
  method: string
  active: string[]
  /** Measured on the test block. */
  accuracy: number
  /** What the selector expected (MLink rows): p_j from the validation table. */
  expected: number | null
  memoryBytes: number
  frameMs: number
  /** Share of test frames the models ran on. */
  processed: number
  overBudget: boolean
}

/** MLink with filtering processes this share of frames (and, under a latency budget, may run 1/share as much). */
export const FILTER_SHARE = 0.5

export function benchBudgets(input: BenchInput, fractions: readonly number[]): BenchRow[] {
  const { ds, costs, costType } = input
  const ids = ds.models.map((m) => m.id)
  const modelCost = (id: string): number => costValue(costs.get(id)!, costType)
  const problem = linkTableProblem({ evaluations: input.evaluations, modelCost, costType, linkBytes: input.linkBytes, linkMs: input.linkMs, split: 'validation' })
  const total = ids.reduce((s, id) => s + modelCost(id), 0)
  const segments = ds.frames.map((f) => f.segment)
  const priors = trainingPriors(ds)
  const test = ds.split.test
  const processedAt = (share: number): Set<number> | null => (share >= 1 ? null : filterFrames(test, segments, input.thumbs, thresholdFor(share, ds.split.train, segments, input.thumbs)))

  /** Replays the test frames: runs `active`, predicts the rest with `sourcesFor` (or prior/zero), reuses outputs on skipped frames. */
  const replay = (active: readonly string[], sourcesFor: ((target: string) => string[]) | null, fallback: 'zero' | 'prior', processed: Set<number> | null) => {
    let score = 0
    let linkTime = 0
    let runs = 0
    let current = new Map<string, ModelOutput | null>()
    test.forEach((f, k) => {
      const first = k === 0 || segments[f] !== segments[test[k - 1]!]
      if (first || !processed || processed.has(f)) {
        runs++
        const exact = new Map(active.map((id) => [id, ds.outputs.get(id)![f]!]))
        const started = performance.now()
        const predicted = sourcesFor ? input.bank.predict(exact, (t) => sourcesFor(t)) : new Map()
        linkTime += performance.now() - started
        current = new Map(ids.map((id) => [id, exact.get(id) ?? predicted.get(id)?.output ?? (fallback === 'prior' ? priors.get(id)! : null)]))
      }
      for (const m of ds.models) {
        const out = current.get(m.id)
        score += out ? outputScore(m.spec, out, ds.outputs.get(m.id)![f]!) : 0
      }
    })
    return { accuracy: score / (test.length * ids.length), processed: runs / test.length, linkMs: runs ? linkTime / runs : 0 }
  }

  const row = (budget: number, budgetValue: number, method: string, plan: Plan | null, active: readonly string[], r: ReturnType<typeof replay>): BenchRow => {
    const memoryBytes = active.reduce((s, id) => s + costs.get(id)!.memoryBytes, 0) + (plan?.models.reduce((s, m) => s + m.sources.reduce((b, src) => b + (input.linkBytes.get(`${src}>${m.id}`) ?? 0), 0), 0) ?? 0)
    const frameMs = r.processed * (active.reduce((s, id) => s + costs.get(id)!.latencyP50Ms, 0) + r.linkMs)
    const used = costType === 'memory' ? memoryBytes : frameMs
    return { budget, budgetValue, method, active: [...active], accuracy: r.accuracy, expected: plan?.accuracy ?? null, memoryBytes, frameMs, processed: r.processed, overBudget: used > budgetValue * 1.0001 }
  }

  const rows: BenchRow[] = []
  for (const b of fractions) {
    const B = b * total
    const cheapest: string[] = []
    let spent = 0
    for (const id of [...ids].sort((x, y) => modelCost(x) - modelCost(y))) {
      if (spent + modelCost(id) <= B) {
        cheapest.push(id)
        spent += modelCost(id)
      }
    }
    rows.push(row(b, B, 'Standalone', null, cheapest, replay(cheapest, null, 'zero', null)))
    rows.push(row(b, B, 'Standalone+prior', null, cheapest, replay(cheapest, null, 'prior', null)))
    rows.push(row(b, B, 'Frame filtering (Reducto-style)', null, ids, replay(ids, null, 'prior', processedAt(b))))
    const mlink = (label: string, name: SelectorName, budget: number, share: number) => {
      const plan = select(name, problem, budget)
      const sources = new Map(plan.models.map((m) => [m.id, m.sources]))
      rows.push(row(b, B, label, plan, plan.active, replay(plan.active, (t) => sources.get(t) ?? [], 'prior', processedAt(share))))
    }
    mlink('MLink (paper greedy)', 'paper-greedy', B, 1)
    mlink('MLink (lazy greedy)', 'lazy-greedy', B, 1)
    mlink('MLink (exact)', 'exact', B, 1)
    mlink('MLink (exact) + filtering', 'exact', costType === 'latency' ? B / FILTER_SHARE : B, FILTER_SHARE)
  }
  return rows
}
