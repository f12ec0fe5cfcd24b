import { describe, expect, it } from 'vitest'
import { engineMemoryOption } from '../../../src-renderer/charts/engine-memory'
import { modelCostsOption } from '../../../src-renderer/charts/model-costs'
import { linkMatrixOption } from '../../../src-renderer/charts/link-matrix'
import { formatBytes, formatDuration } from '../../../src-renderer/format'

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
        { target: 'a', links: [link('b', 0.9)], constant: 0.5, bestSingle: { source: 'b', test: 0.9 }, ensemble: 0.8, guarded: { sources: ['b'], test: 0.9 }, subsets: [], curve: [], seconds: 1 },
        { target: 'b', links: [link('a', 0.7)], constant: 0.6, bestSingle: { source: 'a', test: 0.7 }, ensemble: 0.7, guarded: { sources: ['a'], test: 0.7 }, subsets: [], curve: [], seconds: 1 }
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
