// A run report as files an operator takes elsewhere: JSON (everything) and CSV (one row per
// fact: section, subject, measure, value), and the download itself.
import type { RunReport } from '../src-main/api/contract'

export function runReportJson(report: RunReport): string {
  return JSON.stringify(report, null, 2)
}

const cell = (v: string | number | null): string => {
  const text = v === null ? '' : String(v)
  return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

export function runReportCsv(report: RunReport): string {
  const rows: (string | number | null)[][] = [['section', 'subject', 'measure', 'value']]
  const r = report.run
  rows.push(['run', `#${r.id}`, 'status', r.status], ['run', `#${r.id}`, 'frames', r.frames], ['run', `#${r.id}`, 'started', r.startedAt], ['run', `#${r.id}`, 'footage', r.sources.join('; ')])
  for (const c of report.costs) rows.push(['cost', c.modelId, 'memory bytes', c.memoryBytes], ['cost', c.modelId, 'latency p50 ms', c.latencyMs])
  for (const t of report.matrix?.targets ?? []) {
    rows.push(['target', t.target, 'constant', t.constant], ['target', t.target, 'best single', t.bestSingle.test], ['target', t.target, 'guarded ensemble', t.guarded.test])
    for (const l of t.links) rows.push(['link', `${l.source} -> ${t.target}`, 'test score', l.test])
  }
  for (const p of report.pareto) rows.push(['pareto', `${Math.round(p.share * 100)}%`, 'expected accuracy', p.accuracy])
  for (const s of report.selections) rows.push(['selection', s.at, `${s.selector} at ${s.budget}`, `${s.active.join(' + ')} (${s.expectedAccuracy.toFixed(4)})`])
  for (const a of report.accuracy) rows.push(['live accuracy', `${a.at} ${a.modelId}`, `${a.frames} frames`, a.accuracy])
  return rows.map((row) => row.map(cell).join(',')).join('\n') + '\n'
}

/** Hands a file to the browser's (or Electron's) download. */
export function download(name: string, type: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }))
  const a = document.createElement('a')
  a.href = url
  a.download = name
  a.click()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}
