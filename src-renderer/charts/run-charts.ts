// ECharts options for a run's page: the accuracy-vs-budget (Pareto) curve of one or more runs, and
// live accuracy per model over time.
import type { EChartsOption } from 'echarts'
import type { AccuracySample, RunReport } from '../../src-main/api/contract'

export function paretoOption(reports: readonly RunReport[]): EChartsOption {
  return {
    animation: false,
    grid: { left: 48, right: 16, top: 36, bottom: 40 },
    tooltip: { trigger: 'axis', valueFormatter: (v) => `${Number(v).toFixed(1)} %` },
    legend: { data: reports.map((r) => `run ${r.run.id}`), top: 0 },
    xAxis: { type: 'value', name: `budget (% of every model's ${reports[0]?.costType ?? 'memory'})`, nameLocation: 'middle', nameGap: 26, min: 0, max: 100 },
    yAxis: { type: 'value', name: 'accuracy %', min: (v: { min: number }) => Math.max(0, Math.floor(Math.min(v.min, 100) / 5) * 5 - 5), max: 100 },
    series: reports.map((r) => ({
      name: `run ${r.run.id}`,
      type: 'line' as const,
      step: 'end' as const,
      data: r.pareto.map((p) => [Math.round(p.share * 100), Math.round(p.accuracy * 1000) / 10])
    }))
  }
}

export function liveAccuracyOption(samples: readonly AccuracySample[]): EChartsOption {
  const models = [...new Set(samples.map((s) => s.modelId))].sort()
  return {
    animation: false,
    grid: { left: 48, right: 16, top: 36, bottom: 28 },
    tooltip: { trigger: 'axis', valueFormatter: (v) => `${Number(v).toFixed(1)} %` },
    legend: { data: models, top: 0, type: 'scroll' },
    xAxis: { type: 'time' },
    yAxis: { type: 'value', name: '%', min: 0, max: 100 },
    series: models.map((id) => ({
      name: id,
      type: 'line' as const,
      data: samples.filter((s) => s.modelId === id).map((s) => [s.at, Math.round(s.accuracy * 1000) / 10])
    }))
  }
}
