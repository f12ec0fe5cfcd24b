// The add-model form's output spec, built from the fields an operator fills in.
import { describe, expect, it } from 'vitest'
import { specFromFields } from '../../../src-renderer/model-spec-form'

describe('add-model form spec', () => {
  it('builds the output spec from the fields an operator fills in', () => {
    expect(specFromFields({ kind: 'single-label', name: 'scene', labels: 'office, corridor ,', max: 0, min: 0 })).toEqual({ kind: 'vector', parts: [{ name: 'scene', task: 'single-label', labels: ['office', 'corridor'] }] })
    expect(specFromFields({ kind: 'regression', name: '', labels: '', max: 255, min: 0 })).toEqual({ kind: 'vector', parts: [{ name: 'output', task: 'regression', min: 0, max: 255 }] })
    expect(specFromFields({ kind: 'sequence', name: '', labels: 'a,b', max: 5, min: 0 })).toEqual({ kind: 'sequence', task: 'sequence', vocabulary: ['a', 'b'], maxLength: 5 })
  })
})
