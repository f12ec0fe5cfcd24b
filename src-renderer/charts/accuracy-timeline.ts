// ECharts options for the runtime: the accuracy timeline (expected average and each model's
// measured predicted-vs-exact accuracy, with re-selection and budget markers) and tile sparklines.
import type { EChartsOption } from 'echarts'
import type { TimelineMarker, TimelinePoint } from '../stores/runtime'

export function accuracyTimelineOption(points: readonly TimelinePoint[], markers: readonly TimelineMarker[]): EChartsOption {
  const models = [...new Set(points.flatMap((p) => Object.keys(p.live)))].sort()
  const pct = (v: number | null): number | null => (v === null ? null : Math.round(v * 1000) / 10)
  return {
    animation: false,
    grid: { left: 48, right: 16, top: 40, bottom: 28 },
    tooltip: { trigger: 'axis', valueFormatter: (v) => (v === null || v === undefined ? '—' : `${Number(v).toFixed(1)} %`) },
    legend: { data: ['expected average', ...models], top: 0, type: 'scroll' },
    xAxis: { type: 'time' },
    yAxis: { type: 'value', name: '%', min: 0, max: 100 },
    series: [
      {
        name: 'expected average',
        type: 'line',
        step: 'end',
        showSymbol: false,
        lineStyle: { width: 3 },
        data: points.map((p) => [p.at, pct(p.expected)]),
        markLine: {
          symbol: 'none',
          label: { formatter: '{b}', position: 'insideEndTop' },
          lineStyle: { type: 'dashed' },
          data: markers.map((m) => ({ name: m.label, xAxis: m.at }))
        }
      },
      ...models.map((id) => ({
        name: id,
        type: 'line' as const,
        step: 'end' as const,
        connectNulls: false,
        data: points.map((p) => [p.at, pct(p.live[id] ?? null)])
      }))
    ]
  }
}

/** A tile's sparkline: one model's live accuracy over the timeline, no axes. */
export function sparklineOption(points: readonly TimelinePoint[], modelId: string): EChartsOption {
  return {
    animation: false,
    grid: { left: 0, right: 0, top: 2, bottom: 2 },
    xAxis: { type: 'time', show: false },
    yAxis: { type: 'value', show: false, min: 0, max: 1 },
    series: [{ type: 'line', showSymbol: false, data: points.filter((p) => p.live[modelId] != null).map((p) => [p.at, p.live[modelId]!]) }]
  }
}
