// ECharts option: measured memory (bars, MB) and median latency (line, ms) per model.
import type { EChartsOption } from 'echarts'
import type { ModelSummary } from '../../src-main/api/contract'

export function modelCostsOption(models: readonly ModelSummary[]): EChartsOption {
  const measured = models.filter((m) => m.cost)
  const kinds = new Set(measured.map((m) => m.cost!.memoryKind))
  const memoryName = kinds.size === 1 && kinds.has('gpu') ? 'GPU memory' : 'Peak RSS'
  return {
    animation: false,
    grid: { left: 56, right: 56, top: 36, bottom: 64 },
    tooltip: { trigger: 'axis' },
    legend: { data: [memoryName, 'Latency p50'], top: 0 },
    xAxis: { type: 'category', data: measured.map((m) => m.id), axisLabel: { rotate: 30 } },
    yAxis: [
      { type: 'value', name: 'MB', min: 0 },
      { type: 'value', name: 'ms', min: 0, splitLine: { show: false } }
    ],
    series: [
      { name: memoryName, type: 'bar', data: measured.map((m) => Math.round(m.cost!.memoryBytes / 1048576)), tooltip: { valueFormatter: (v) => `${String(v)} MB` } },
      { name: 'Latency p50', type: 'line', yAxisIndex: 1, data: measured.map((m) => m.cost!.latencyP50Ms), tooltip: { valueFormatter: (v) => `${String(v)} ms` } }
    ]
  }
}
