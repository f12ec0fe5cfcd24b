// A model output as an operator reads it: a short text per part, and the boxes to draw over the frame.
import type { ModelOutput, OutputSpec, VectorPart } from '../src-main/api/contract'

function width(part: VectorPart): number {
  if (part.task === 'single-label' || part.task === 'multi-label') return part.labels.length
  return part.task === 'localization' ? 4 : 1
}

function* parts(spec: OutputSpec, output: ModelOutput): Generator<{ part: VectorPart; values: number[] }> {
  if (spec.kind !== 'vector' || output.kind !== 'vector') return
  let offset = 0
  for (const part of spec.parts) {
    yield { part, values: output.values.slice(offset, offset + width(part)) }
    offset += width(part)
  }
}

/** "2 persons", "female 83%", "age 31", "person, chair" — boxes are drawn, not written. */
export function describeOutput(spec: OutputSpec, output: ModelOutput): string {
  if (output.kind === 'sequence') return output.tokens.length ? output.tokens.join(', ') : '(nothing)'
  const texts: string[] = []
  for (const { part, values } of parts(spec, output)) {
    if (part.task === 'counting') texts.push(`${Math.round(values[0] ?? 0)} ${part.name}`)
    else if (part.task === 'regression') texts.push(`${part.name} ${(values[0] ?? 0).toFixed(0)}${part.unit ? ` ${part.unit}` : ''}`)
    else if (part.task === 'single-label') {
      const best = values.indexOf(Math.max(...values))
      texts.push(`${part.labels[best] ?? '?'} ${Math.round((values[best] ?? 0) * 100)}%`)
    } else if (part.task === 'multi-label') {
      const on = part.labels.filter((_, i) => (values[i] ?? 0) >= 0.5)
      texts.push(on.length ? on.join(', ') : `no ${part.name}`)
    }
  }
  return texts.join(' · ')
}

export interface OverlayBox {
  /** Normalised to the frame: x, y, width, height in [0, 1]. */
  x: number
  y: number
  w: number
  h: number
  label: string
}

/** Every non-empty box of the output (localization parts). */
export function outputBoxes(spec: OutputSpec, output: ModelOutput, label: string): OverlayBox[] {
  const boxes: OverlayBox[] = []
  for (const { part, values } of parts(spec, output)) {
    if (part.task !== 'localization') continue
    const [x = 0, y = 0, w = 0, h = 0] = values
    if (w > 0 && h > 0) boxes.push({ x, y, w, h, label: `${label} · ${part.name}` })
  }
  return boxes
}
