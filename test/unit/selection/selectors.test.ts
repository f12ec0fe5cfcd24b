// The objective and the three selectors on small hand-checked cases and on random instances.
import { describe, expect, it } from 'vitest'
import { evaluatePlan, minimumBudget, type SelectionProblem } from '../../../src-main/selection/problem'
import { exact, lazyGreedy, paperGreedy, select, SELECTORS } from '../../../src-main/selection/selectors'
import { seededRandom } from '../../../src-main/links/seeded'

/**
 * Three models. Links: a predicts b well (0.9) and c poorly (0.5); b predicts a at 0.6 and c at 0.8;
 * c predicts a at 0.4, b at 0.5. An ensemble uses its best link (sum of scores not modelled);
 * with no active source the prior scores 0.3. Each link costs 1.
 */
function handProblem(): SelectionProblem {
  const single: Record<string, Record<string, number>> = { a: { b: 0.9, c: 0.5 }, b: { a: 0.6, c: 0.8 }, c: { a: 0.4, b: 0.5 } }
  return {
    models: [
      { id: 'a', cost: 10 },
      { id: 'b', cost: 20 },
      { id: 'c', cost: 30 }
    ],
    linkCost: () => 1,
    ensemble(target, active) {
      const best = active.map((s) => ({ s, p: single[s]![target]! })).sort((x, y) => y.p - x.p)[0]
      return best ? { sources: [best.s], score: best.p } : { sources: [], score: 0.3 }
    }
  }
}

describe('objective', () => {
  it('averages exact outputs (1 each) and predicted ones (p_j), and counts model and link costs', () => {
    const plan = evaluatePlan(handProblem(), ['a'])
    // (1 + 0.9 + 0.5) / 3; cost 10 + one link into b + one link into c.
    expect(plan.accuracy).toBeCloseTo(2.4 / 3, 10)
    expect(plan.cost).toBe(12)
    expect(plan.models.map((m) => [m.id, m.origin, m.sources])).toEqual([['a', 'exact', []], ['b', 'predicted', ['a']], ['c', 'predicted', ['a']]])
    const none = evaluatePlan(handProblem(), [])
    expect(none.accuracy).toBeCloseTo(0.3, 10)
    expect(none.models.every((m) => m.origin === 'prior')).toBe(true)
    expect(none.cost).toBe(0)
  })

  it('the minimum budget is the cheapest single model with the links it feeds', () => {
    expect(minimumBudget(handProblem())).toMatchObject({ active: ['a'], cost: 12 })
  })
})

describe('selectors', () => {
  it('respect the budget including link costs: {a, b} costs 30 + 1 link, so 30 is not enough', () => {
    const p = handProblem()
    expect(evaluatePlan(p, ['a', 'b']).cost).toBe(31)
    for (const name of SELECTORS) {
      const at30 = select(name, p, 30)
      expect(at30.cost, name).toBeLessThanOrEqual(30)
      expect(at30.active, name).not.toEqual(['a', 'b'])
      expect(select(name, p, 31).cost, name).toBeLessThanOrEqual(31)
    }
    // At 31 the optimum is {a, b}: (1 + 1 + 0.8) / 3 beats {a} (0.8) and {c} etc.
    expect(exact(p, 31).active).toEqual(['a', 'b'])
    expect(exact(p, 31).accuracy).toBeCloseTo(2.8 / 3, 10)
  })

  it("the paper's greedy ranks by (1 + P1 - P2) / (w c): a first (cheap, good source), then b, then c", () => {
    const p = handProblem()
    // P_a = (1 + 0.7 - 0.5) / (0.2 * 10) = 0.6; P_b = (1 + 0.7 - 0.7) / (0.2 * 20) = 0.25; P_c = (1 + 0.45 - 0.65) / (0.2 * 30) = 0.133
    expect(paperGreedy(p, 12).active).toEqual(['a'])
    expect(paperGreedy(p, 31).active).toEqual(['a', 'b'])
    // b does not fit at 25 once a is in; c does not either: a alone.
    expect(paperGreedy(p, 25).active).toEqual(['a'])
    expect(paperGreedy(p, 100).active).toEqual(['a', 'b', 'c'])
  })

  it('exact >= both greedies on random instances, and every selection fits its budget', () => {
    const random = seededRandom(3)
    for (let round = 0; round < 60; round++) {
      const n = 3 + Math.floor(random() * 6)
      const ids = Array.from({ length: n }, (_, i) => `m${i}`)
      const link = new Map(ids.flatMap((s) => ids.filter((t) => t !== s).map((t) => [`${s}>${t}`, random()] as const)))
      const prior = new Map(ids.map((t) => [t, random() * 0.5]))
      const problem: SelectionProblem = {
        models: ids.map((id) => ({ id, cost: 1 + random() * 9 })),
        linkCost: () => 0.05,
        ensemble(target, active) {
          // Best two sources, each adding a share of the gap: an ensemble helps, with diminishing returns.
          const ranked = active.map((s) => ({ s, p: link.get(`${s}>${target}`)! })).sort((x, y) => y.p - x.p).slice(0, 2)
          let score = prior.get(target)!
          for (const r of ranked) score += (1 - score) * r.p * 0.8
          return { sources: ranked.map((r) => r.s), score }
        }
      }
      const total = problem.models.reduce((s, m) => s + m.cost, 0)
      const budget = total * (0.15 + random() * 0.6)
      const best = exact(problem, budget)
      expect(best.cost).toBeLessThanOrEqual(budget)
      for (const plan of [paperGreedy(problem, budget), lazyGreedy(problem, budget)]) {
        expect(plan.cost).toBeLessThanOrEqual(budget)
        expect(best.accuracy).toBeGreaterThanOrEqual(plan.accuracy - 1e-12)
      }
    }
  })

  it('lazy greedy reaches the optimum on the hand-checked case', () => {
    expect(lazyGreedy(handProblem(), 31).active).toEqual(['a', 'b'])
  })
})
