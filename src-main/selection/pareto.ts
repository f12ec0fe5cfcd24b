// The accuracy-vs-budget (Pareto) curve of a selection problem: the exact optimum at budgets
// from the minimum to everything, as shares of running every model.
import { minimumBudget, type SelectionProblem } from './problem'
import { exact } from './selectors'

export interface ParetoPoint {
  /** Share of the cost of running every model. */
  share: number
  budget: number
  accuracy: number
  active: string[]
}

export function paretoCurve(problem: SelectionProblem, shares: readonly number[]): ParetoPoint[] {
  const total = problem.models.reduce((s, m) => s + m.cost, 0)
  const min = minimumBudget(problem).cost
  return shares
    .map((share) => ({ share, budget: share * total }))
    .filter((p) => p.budget >= min)
    .map((p) => {
      const plan = exact(problem, p.budget)
      return { ...p, accuracy: plan.accuracy, active: plan.active }
    })
}

export const PARETO_SHARES = [0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7, 0.8, 0.9, 1]
