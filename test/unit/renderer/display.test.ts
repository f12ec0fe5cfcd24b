// How the console shows things: a model output described and boxed, and each state's colour.
import { describe, expect, it } from 'vitest'
import { describeOutput, outputBoxes } from '../../../src-renderer/output-view'
import { toneOf } from '../../../src-renderer/state-tones'

describe('output view', () => {
  const faces = { kind: 'vector' as const, parts: [{ name: 'faces', task: 'counting' as const, max: 10 }, { name: 'largest', task: 'localization' as const }] }
  const gender = { kind: 'vector' as const, parts: [{ name: 'gender', task: 'single-label' as const, labels: ['none', 'female', 'male'] }] }
  it('says what an output means and where its boxes are', () => {
    const out = { kind: 'vector' as const, values: [2, 0.1, 0.2, 0.3, 0.4] }
    expect(describeOutput(faces, out)).toBe('2 faces')
    expect(outputBoxes(faces, out, 'faces')).toEqual([{ x: 0.1, y: 0.2, w: 0.3, h: 0.4, label: 'faces · largest' }])
    expect(outputBoxes(faces, { kind: 'vector', values: [0, 0, 0, 0, 0] }, 'faces')).toEqual([])
    expect(describeOutput(gender, { kind: 'vector', values: [0.1, 0.83, 0.07] })).toBe('female 83%')
    expect(describeOutput({ kind: 'sequence', task: 'sequence', vocabulary: ['person'], maxLength: 3 }, { kind: 'sequence', tokens: [] })).toBe('(nothing)')
  })
})

describe('state tones', () => {
  it('colours each state the console shows the same wherever it appears', () => {
    expect(['live', 'ready', 'done', 'exact'].map(toneOf)).toEqual(['good', 'good', 'good', 'good'])
    expect(['loading', 'restarting', 'reconnecting', 'running'].map(toneOf)).toEqual(['pending', 'pending', 'pending', 'pending'])
    expect(['failed', 'crashed', 'error', 'interrupted'].map(toneOf)).toEqual(['bad', 'bad', 'bad', 'bad'])
    expect(['predicted', 'stopped', 'something-new'].map(toneOf)).toEqual(['neutral', 'neutral', 'neutral'])
  })
})
