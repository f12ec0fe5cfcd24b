import { describe, expect, it } from 'vitest'
import { engineMemoryOption } from '../../../src-renderer/charts/engine-memory'
import { modelCostsOption } from '../../../src-renderer/charts/model-costs'
import { linkMatrixOption } from '../../../src-renderer/charts/link-matrix'
import { formatBytes, formatCost, formatDuration, formatPercent } from '../../../src-renderer/format'
import { accuracyTimelineOption, sparklineOption } from '../../../src-renderer/charts/accuracy-timeline'
import { fractionsOption, trainingCurveOption } from '../../../src-renderer/charts/link-training'

describe('engine memory chart', () => {
  it('plots RSS in MB against heartbeat time, with units and a legend', () => {
    const option = engineMemoryOption([
      { at: '2026-01-01T00:00:00Z', uptimeSeconds: 0, rssBytes: 104857600 },
      { at: '2026-01-01T00:00:05Z', uptimeSeconds: 5, rssBytes: 110100480 }
    ])
    const series = (option.series as { data: [string, number][] }[])[0]!
    expect(series.data).toEqual([
      ['2026-01-01T00:00:00Z', 100],
      ['2026-01-01T00:00:05Z', 105]
    ])
    expect(option.yAxis).toMatchObject({ name: 'MB' })
    expect(option.legend).toMatchObject({ data: ['Engine RSS'] })
  })
})

describe('formatting', () => {
  it('formats bytes and durations for people', () => {
    expect(formatBytes(512)).toBe('512 B')
    expect(formatBytes(1536)).toBe('1.5 KB')
    expect(formatBytes(250 * 1048576)).toBe('250 MB')
    expect(formatBytes(3.5 * 1073741824)).toBe('3.5 GB')
    expect(formatDuration(42)).toBe('42 s')
    expect(formatDuration(125)).toBe('2 min 5 s')
    expect(formatDuration(7325)).toBe('2 h 2 min')
  })
  it('formats shares as percentages and costs in their unit', () => {
    expect(formatPercent(0.9341)).toBe('93.4%')
    expect(formatPercent(null)).toBe('—')
    expect(formatCost(250 * 1048576, 'memory')).toBe('250 MB')
    expect(formatCost(97.4, 'latency')).toBe('97 ms')
  })
})

describe('model costs chart', () => {
  const model = (id: string, mb: number | null, kind: 'rss' | 'gpu' = 'rss') =>
    ({
      id,
      cost: mb === null ? null : { memoryBytes: mb * 1048576, memoryKind: kind, latencyP50Ms: mb / 10 }
    }) as unknown as import('../../../src-main/api/contract').ModelSummary

  it('plots measured models only, memory in MB on the left axis and p50 in ms on the right', () => {
    const option = modelCostsOption([model('a', 200), model('b', null), model('c', 150)])
    expect((option.xAxis as { data: string[] }).data).toEqual(['a', 'c'])
    const [memory, latency] = option.series as { name: string; data: number[]; yAxisIndex?: number }[]
    expect(memory).toMatchObject({ name: 'Peak RSS', data: [200, 150] })
    expect(latency).toMatchObject({ yAxisIndex: 1, data: [20, 15] })
    expect((option.yAxis as { name: string }[]).map((a) => a.name)).toEqual(['MB', 'ms'])
  })

  it('names the memory figure by what was measured', () => {
    expect((modelCostsOption([model('g', 900, 'gpu')]).legend as { data: string[] }).data[0]).toBe('GPU memory')
  })
})

describe('link matrix heatmap', () => {
  it('puts targets on rows, sources then best/ensembles/constant on columns, a dash on the diagonal', () => {
    const link = (source: string, test: number) => ({ source, architecture: 'vec2vec' as const, validation: test, test })
    const matrix = {
      runId: 1,
      relations: [],
      fractions: [],
      targets: [
        { target: 'a', links: [link('b', 0.9)], constant: 0.5, bestSingle: { source: 'b', test: 0.9 }, ensemble: 0.8, guarded: { sources: ['b'], test: 0.9 }, subsets: [], curve: [], prior: null, seconds: 1 },
        { target: 'b', links: [link('a', 0.7)], constant: 0.6, bestSingle: { source: 'a', test: 0.7 }, ensemble: 0.7, guarded: { sources: ['a'], test: 0.7 }, subsets: [], curve: [], prior: null, seconds: 1 }
      ]
    }
    const option = linkMatrixOption(matrix)
    expect((option.xAxis as { data: string[] }).data).toEqual(['a', 'b', 'best single', 'ensemble', 'guarded', 'constant'])
    expect((option.yAxis as { data: string[] }).data).toEqual(['a', 'b'])
    const data = (option.series as { data: [number, number, number | string][] }[])[0]!.data
    expect(data).toContainEqual([0, 0, '-'])
    expect(data).toContainEqual([1, 0, 0.9])
    expect(data).toContainEqual([5, 1, 0.6])
  })
})

describe('timeline options', () => {
  const points = [
    { at: 1000, expected: 0.9, live: { a: null, b: 0.75 } },
    { at: 2000, expected: 0.8, live: { a: null, b: 0.5 } }
  ]
  it('plots the expected average and each model in percent, with markers as dashed lines', () => {
    const option = accuracyTimelineOption(points, [{ at: 1500, label: 'budget' }])
    const series = option.series as { name: string; data: [number, number | null][]; markLine?: { data: { name: string; xAxis: number }[] } }[]
    expect(series.map((s) => s.name)).toEqual(['expected average', 'a', 'b'])
    expect(series[0]!.data).toEqual([[1000, 90], [2000, 80]])
    expect(series[2]!.data).toEqual([[1000, 75], [2000, 50]])
    expect(series[1]!.data).toEqual([[1000, null], [2000, null]])
    expect(series[0]!.markLine!.data).toEqual([{ name: 'budget', xAxis: 1500 }])
    expect((option.yAxis as { name: string; max: number }).name).toBe('%')
  })
  it('a sparkline keeps only the measured points of its model', () => {
    const option = sparklineOption(points, 'b')
    expect((option.series as { data: unknown[] }[])[0]!.data).toEqual([[1000, 0.75], [2000, 0.5]])
    expect((sparklineOption(points, 'a').series as { data: unknown[] }[])[0]!.data).toEqual([])
  })
})


describe('link training charts', () => {
  it('plots a target curve (training solid, validation dashed) and the fraction study per target', () => {
    const points = [
      { epoch: 1, loss: 2, validationLoss: 3, links: [{ source: 'a', loss: 1.5, validationLoss: 2 }, { source: 'b', loss: 0.5, validationLoss: 1 }] },
      { epoch: 2, loss: 1, validationLoss: 2.5, links: [{ source: 'a', loss: 0.7, validationLoss: 1.8 }, { source: 'b', loss: 0.3, validationLoss: 0.7 }] }
    ]
    const curve = trainingCurveOption('faces', points)
    const series = curve.series as { name: string; data: number[][]; lineStyle?: { type: string } }[]
    expect(series.map((s) => s.name)).toEqual(['training loss', 'validation loss'])
    expect(series[1]!.data).toEqual([[1, 3], [2, 2.5]])
    expect(series[1]!.lineStyle?.type).toBe('dashed')
    // One link's own curve.
    const link = trainingCurveOption('faces', points, 'b').series as { data: number[][] }[]
    expect(link[0]!.data).toEqual([[1, 0.5], [2, 0.3]])
    expect(link[1]!.data).toEqual([[1, 1], [2, 0.7]])
    const t = (target: string, guarded: number) => ({ target, constant: 0.5, bestSingle: { source: '', test: guarded }, guarded: { sources: [], test: guarded } })
    const fr = fractionsOption([
      { fraction: 0.01, trainFrames: 4, targets: [t('a', 0.6), t('b', 0.7)] },
      { fraction: 0.48, trainFrames: 200, targets: [t('a', 0.9)] }
    ])
    expect((fr.xAxis as { data: string[] }).data).toEqual(['1% (4)', '48% (200)'])
    expect((fr.series as { name: string; data: (number | null)[] }[]).map((s) => [s.name, s.data])).toEqual([['a', [60, 90]], ['b', [70, null]]])
  })
})
