// The link matrix (the paper's Table 3): per target, each source's link score beside the
// constant baseline, the best single link, the plain and the guarded ensemble; and which pairs
// show dominance (one direction informative) or mutual assistance (both).
import type { TargetEvaluation } from './evaluation'

/** A link "helps" when it beats its target's constant by at least this much. */
export const CLEAR_MARGIN = 0.05

export interface Relation {
  a: string
  b: string
  kind: 'mutual' | 'dominance'
  /** For dominance: the source whose output predicts the other. */
  dominant?: string
}

export function helps(evaluation: TargetEvaluation, source: string): boolean {
  const link = evaluation.links.find((l) => l.source === source)
  return !!link && link.test >= evaluation.constant + CLEAR_MARGIN
}

export function relations(evaluations: readonly TargetEvaluation[]): Relation[] {
  const byTarget = new Map(evaluations.map((e) => [e.target, e]))
  const ids = evaluations.map((e) => e.target)
  const out: Relation[] = []
  for (const [i, a] of ids.entries()) {
    for (const b of ids.slice(i + 1)) {
      const ab = helps(byTarget.get(b)!, a)
      const ba = helps(byTarget.get(a)!, b)
      if (ab && ba) out.push({ a, b, kind: 'mutual' })
      else if (ab || ba) out.push({ a, b, kind: 'dominance', dominant: ab ? a : b })
    }
  }
  return out
}

/** The matrix as text: rows targets, columns sources, then best single, ensembles and constant. */
export function formatMatrix(evaluations: readonly TargetEvaluation[]): string {
  const ids = evaluations.map((e) => e.target)
  const short = (id: string): string => id.slice(0, 12)
  const cell = (v: number | undefined, mark = ''): string => (v === undefined ? '—' : v.toFixed(3) + mark)
  const header = ['target \\ source', ...ids.map(short), 'best single', 'ensemble', 'guarded', 'constant']
  const rows = evaluations.map((e) => [
    e.target,
    ...ids.map((s) => (s === e.target ? '·' : cell(e.links.find((l) => l.source === s)?.test, helps(e, s) ? '*' : ''))),
    `${cell(e.bestSingle.test)} (${short(e.bestSingle.source)})`,
    cell(e.ensemble),
    `${cell(e.guarded.test)} (${e.guarded.sources.length})`,
    cell(e.constant)
  ])
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
  const line = (r: string[]): string => r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd()
  const rel = relations(evaluations)
  const mutual = rel.filter((r) => r.kind === 'mutual').map((r) => `${r.a} <-> ${r.b}`)
  const dominance = rel.filter((r) => r.kind === 'dominance').map((r) => `${r.dominant} -> ${r.dominant === r.a ? r.b : r.a}`)
  return [
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    '',
    `* beats the target's constant baseline by >= ${CLEAR_MARGIN} (test block, normalised metric)`,
    `mutual assistance: ${mutual.join(', ') || 'none'}`,
    `dominance: ${dominance.join(', ') || 'none'}`
  ].join('\n') + '\n'
}
