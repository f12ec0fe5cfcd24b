// The selection problem of the paper: choose the active set A of models to run exactly so that
// the average output accuracy (|A| + sum over j not in A of p_j(h_Aj)) / |F| is highest, subject to
// sum over A of c(f_i) + sum over j not in A of c(h_Aj) <= B. Pure: no I/O, no TF.js.

export type CostType = 'memory' | 'latency'

/** The figure a measured cost contributes under a cost type: bytes of memory, or ms per frame (p50). */
export function costValue(cost: { memoryBytes: number; latencyP50Ms: number }, costType: CostType): number {
  return costType === 'memory' ? cost.memoryBytes : cost.latencyP50Ms
}

/** The links a target's prediction uses given the active set, and the accuracy p_j it is expected to reach. */
export interface Ensemble {
  sources: string[]
  score: number
}

export interface SelectionProblem {
  /** Every model f_i with its cost c(f_i) (bytes of memory, or ms per frame). */
  models: { id: string; cost: number }[]
  /** h_Aj: the ensemble predicting `target` from the active models (which exclude the target). */
  ensemble(target: string, active: readonly string[]): Ensemble
  /** c of the link g_ij; an ensemble costs the sum of its links. */
  linkCost(source: string, target: string): number
}

export type Origin = 'exact' | 'predicted' | 'prior'

export interface ModelPlan {
  id: string
  /** exact = run; predicted = from links of active models; prior = no useful link, the training prior. */
  origin: Origin
  /** 1 for exact outputs, p_j for the others. */
  expected: number
  sources: string[]
  cost: number
}

export interface Plan {
  active: string[]
  /** (|A| + sum of p_j) / |F|. */
  accuracy: number
  cost: number
  models: ModelPlan[]
}

export function evaluatePlan(problem: SelectionProblem, active: readonly string[]): Plan {
  const on = new Set(active)
  const models = problem.models.map((m): ModelPlan => {
    if (on.has(m.id)) return { id: m.id, origin: 'exact', expected: 1, sources: [], cost: m.cost }
    const h = problem.ensemble(
      m.id,
      problem.models.filter((s) => on.has(s.id)).map((s) => s.id)
    )
    const cost = h.sources.reduce((sum, s) => sum + problem.linkCost(s, m.id), 0)
    return { id: m.id, origin: h.sources.length ? 'predicted' : 'prior', expected: h.score, sources: h.sources, cost }
  })
  return {
    active: problem.models.filter((m) => on.has(m.id)).map((m) => m.id),
    accuracy: models.reduce((s, m) => s + m.expected, 0) / Math.max(1, models.length),
    cost: models.reduce((s, m) => s + m.cost, 0),
    models
  }
}

/** The cheapest configuration that runs anything: one model plus the links it feeds. */
export function minimumBudget(problem: SelectionProblem): Plan {
  const plans = problem.models.map((m) => evaluatePlan(problem, [m.id]))
  return plans.reduce((best, p) => (p.cost < best.cost ? p : best))
}
