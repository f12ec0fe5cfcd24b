// ECharts option for the engine's resident memory over its recent heartbeats.
import type { EChartsOption } from 'echarts'
import type { Heartbeat } from '../../src-main/api/contract'

export function engineMemoryOption(beats: readonly Heartbeat[]): EChartsOption {
  return {
    animation: false,
    grid: { left: 56, right: 16, top: 28, bottom: 28 },
    tooltip: { trigger: 'axis', valueFormatter: (v) => `${Number(v).toFixed(1)} MB` },
    legend: { data: ['Engine RSS'], top: 0, right: 0 },
    xAxis: { type: 'time', name: '' },
    yAxis: { type: 'value', name: 'MB', min: 0 },
    series: [
      {
        name: 'Engine RSS',
        type: 'line',
        showSymbol: false,
        areaStyle: { opacity: 0.15 },
        data: beats.map((b) => [b.at, Math.round((b.rssBytes / 1048576) * 10) / 10])
      }
    ]
  }
}
