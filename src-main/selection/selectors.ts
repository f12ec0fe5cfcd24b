// Three ways to choose the active set under a budget, all over the same SelectionProblem:
// the paper's greedy on activation probability, the exact optimum by enumeration, and a lazy
// greedy on measured marginal gain per cost for zoos too large to enumerate.
import { evaluatePlan, type Plan, type SelectionProblem } from './problem'

export const SELECTORS = ['paper-greedy', 'exact', 'lazy-greedy'] as const
export type SelectorName = (typeof SELECTORS)[number]

export interface Selection extends Plan {
  selector: SelectorName
  budget: number
}

/** Subsets enumerated by the exact selector at most: 2^20. */
export const MAX_EXACT_MODELS = 20

export function select(name: SelectorName, problem: SelectionProblem, budget: number): Selection {
  const plan = name === 'exact' ? exact(problem, budget) : name === 'paper-greedy' ? paperGreedy(problem, budget) : lazyGreedy(problem, budget)
  return { ...plan, selector: name, budget }
}

/**
 * The paper's greedy: P_i = (1 + P1_i - P2_i) / (w c(f_i)), w = 2 / min c, where P1_i is the mean
 * score of the links out of i and P2_i of the links into i; models join in decreasing P_i when
 * they fit (one that does not fit is passed over, a cheaper later one may still fit).
 */
export function paperGreedy(problem: SelectionProblem, budget: number): Plan {
  const ids = problem.models.map((m) => m.id)
  const single = (source: string, target: string): number => problem.ensemble(target, [source]).score
  const mean = (xs: number[]): number => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0)
  const minCost = Math.min(...problem.models.map((m) => m.cost))
  const w = 2 / Math.max(minCost, Number.MIN_VALUE)
  const ranked = problem.models
    .map((m) => {
      const others = ids.filter((o) => o !== m.id)
      const p1 = mean(others.map((t) => single(m.id, t)))
      const p2 = mean(others.map((s) => single(s, m.id)))
      return { id: m.id, p: (1 + p1 - p2) / (w * Math.max(m.cost, Number.MIN_VALUE)) }
    })
    .sort((a, b) => b.p - a.p)
  let active: string[] = []
  let plan = evaluatePlan(problem, active)
  for (const { id } of ranked) {
    const next = evaluatePlan(problem, [...active, id])
    if (next.cost <= budget) {
      active = next.active
      plan = next
    }
  }
  return plan
}

/** Every subset; the most accurate within the budget (ties: the cheaper). */
export function exact(problem: SelectionProblem, budget: number): Plan {
  const ids = problem.models.map((m) => m.id)
  if (ids.length > MAX_EXACT_MODELS) throw new Error(`the exact selector enumerates 2^n sets and stops at ${MAX_EXACT_MODELS} models (this zoo has ${ids.length}): use lazy-greedy`)
  let best = evaluatePlan(problem, [])
  for (let mask = 1; mask < 1 << ids.length; mask++) {
    const plan = evaluatePlan(problem, ids.filter((_, k) => mask & (1 << k)))
    if (plan.cost > budget) continue
    if (plan.accuracy > best.accuracy + 1e-12 || (Math.abs(plan.accuracy - best.accuracy) <= 1e-12 && plan.cost < best.cost)) best = plan
  }
  return best
}

/**
 * Greedy on marginal gain per marginal cost with lazy evaluation: a candidate's last computed
 * ratio bounds its next one (gains shrink as the set grows), so only the top of the queue is
 * re-evaluated. O(n) evaluations per step in the worst case, far fewer in practice.
 */
export function lazyGreedy(problem: SelectionProblem, budget: number): Plan {
  let plan = evaluatePlan(problem, [])
  const ratio = (next: Plan): number => {
    const gain = next.accuracy - plan.accuracy
    const extra = next.cost - plan.cost
    return extra <= 0 ? (gain > 0 ? Infinity : gain) : gain / extra
  }
  let queue = problem.models.map((m) => ({ id: m.id, bound: Infinity, fresh: false }))
  for (;;) {
    queue.forEach((q) => (q.fresh = false))
    let accepted: Plan | null = null
    while (queue.length) {
      queue.sort((a, b) => b.bound - a.bound)
      const top = queue[0]!
      if (top.fresh) {
        const next = evaluatePlan(problem, [...plan.active, top.id])
        if (next.cost <= budget && next.accuracy > plan.accuracy) accepted = next
        queue = queue.slice(1)
        if (accepted) break
        continue
      }
      const next = evaluatePlan(problem, [...plan.active, top.id])
      // Over budget: dropped when it reaches the top (a larger set rarely makes it fit).
      top.bound = next.cost <= budget ? ratio(next) : -Infinity
      top.fresh = true
    }
    if (!accepted) return plan
    plan = accepted
    queue = queue.filter((q) => !plan.active.includes(q.id))
  }
}
