// The add-model form's output spec, from the few fields an operator fills in: one vector part
// (its task and what it needs) or a sequence over a vocabulary. The engine validates the rest.
import type { OutputSpec } from '../src-main/api/contract'

export interface SpecFields {
  kind: 'single-label' | 'multi-label' | 'counting' | 'regression' | 'localization' | 'sequence'
  name: string
  /** Comma-separated labels (single/multi-label) or vocabulary (sequence). */
  labels: string
  /** Counting: the largest count. Regression: the range. Sequence: the longest sequence. */
  max: number
  min: number
}

export function specFromFields(f: SpecFields): OutputSpec {
  const list = f.labels.split(',').map((l) => l.trim()).filter(Boolean)
  const name = f.name.trim() || 'output'
  switch (f.kind) {
    case 'sequence':
      return { kind: 'sequence', task: 'sequence', vocabulary: list, maxLength: f.max }
    case 'single-label':
    case 'multi-label':
      return { kind: 'vector', parts: [{ name, task: f.kind, labels: list }] }
    case 'counting':
      return { kind: 'vector', parts: [{ name, task: 'counting', max: f.max }] }
    case 'regression':
      return { kind: 'vector', parts: [{ name, task: 'regression', min: f.min, max: f.max }] }
    case 'localization':
      return { kind: 'vector', parts: [{ name, task: 'localization' }] }
  }
}
