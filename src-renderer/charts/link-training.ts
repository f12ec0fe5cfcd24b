// ECharts options for the Links page: training curves (training and validation loss per epoch, of a
// target's links together or of one link) and the data-fraction study.
import type { EChartsOption } from 'echarts'
import type { CurvePoint, FractionResult } from '../../src-main/api/contract'

/** The target's summed curve, or with `source` the curve of the one link source -> target. */
export function trainingCurveOption(target: string, curve: readonly CurvePoint[], source?: string): EChartsOption {
  const points = source
    ? curve.flatMap((p) => p.links.filter((l) => l.source === source).map((l) => ({ epoch: p.epoch, loss: l.loss, validationLoss: l.validationLoss })))
    : curve
  const name = source ? `${source} → ${target}` : `${target}, all links`
  return {
    animation: false,
    grid: { left: 56, right: 16, top: 36, bottom: 40 },
    tooltip: { trigger: 'axis', valueFormatter: (v) => Number(v).toFixed(4) },
    legend: { data: ['training loss', 'validation loss'], top: 0 },
    xAxis: { type: 'value', name: `epoch (${name})`, nameLocation: 'middle', nameGap: 26, minInterval: 1 },
    yAxis: { type: 'value', name: 'loss', scale: true },
    series: [
      { name: 'training loss', type: 'line', showSymbol: false, data: points.map((p) => [p.epoch, p.loss]) },
      { name: 'validation loss', type: 'line', showSymbol: false, lineStyle: { type: 'dashed' }, data: points.map((p) => [p.epoch, p.validationLoss]) }
    ]
  }
}

export function fractionsOption(results: readonly FractionResult[]): EChartsOption {
  const targets = [...new Set(results.flatMap((r) => r.targets.map((t) => t.target)))]
  const label = (r: FractionResult): string => `${Math.round(r.fraction * 100)}% (${r.trainFrames})`
  return {
    animation: false,
    grid: { left: 48, right: 16, top: 48, bottom: 40 },
    tooltip: { trigger: 'axis', valueFormatter: (v) => `${Number(v).toFixed(1)} %` },
    legend: { data: targets, top: 0, type: 'scroll' },
    xAxis: { type: 'category', name: 'share of training frames (frames)', nameLocation: 'middle', nameGap: 26, data: results.map(label) },
    yAxis: { type: 'value', name: 'guarded score %', scale: true, max: 100 },
    series: targets.map((t) => ({
      name: t,
      type: 'line' as const,
      data: results.map((r) => {
        const hit = r.targets.find((x) => x.target === t)
        return hit ? Math.round(hit.guarded.test * 1000) / 10 : null
      })
    }))
  }
}
