// ECharts option: the link matrix as a heatmap — rows targets, columns sources, then the best
// single link, the plain and guarded ensembles and the constant baseline; cells are the target's
// normalised metric on the test block.
import type { EChartsOption } from 'echarts'
import type { LinkMatrix } from '../../src-main/api/contract'

export const SUMMARY_COLUMNS = ['best single', 'ensemble', 'guarded', 'constant'] as const

export function linkMatrixOption(matrix: LinkMatrix): EChartsOption {
  const targets = matrix.targets.map((t) => t.target)
  const columns = [...targets, ...SUMMARY_COLUMNS]
  const data: [number, number, number | '-'][] = []
  matrix.targets.forEach((t, row) => {
    targets.forEach((source, col) => {
      const link = t.links.find((l) => l.source === source)
      data.push([col, row, link ? round(link.test) : '-'])
    })
    const summary = [t.bestSingle.test, t.ensemble, t.guarded.test, t.constant]
    summary.forEach((v, k) => data.push([targets.length + k, row, round(v)]))
  })
  return {
    animation: false,
    tooltip: {
      formatter: (p) => {
        const [col, row, value] = (p as unknown as { value: [number, number, number | '-'] }).value
        return `${targets[row]} ← ${columns[col]}: ${value === '-' ? '—' : `${(value * 100).toFixed(1)}%`}`
      }
    },
    grid: { left: 130, right: 20, top: 10, bottom: 110 },
    xAxis: { type: 'category', data: columns, name: 'source', nameLocation: 'middle', nameGap: 95, axisLabel: { rotate: 40 } },
    yAxis: { type: 'category', data: targets, name: 'target', inverse: true },
    visualMap: { min: 0, max: 1, calculable: true, orient: 'horizontal', left: 'center', bottom: 0, text: ['100%', '0%'], inRange: { color: ['#f4e9e9', '#f2c14e', '#1f9d55'] } },
    series: [{ type: 'heatmap', data, label: { show: true, formatter: (p) => String((p.value as [number, number, number | '-'])[2]) } }]
  }
}

function round(v: number): number {
  return Math.round(v * 1000) / 1000
}
