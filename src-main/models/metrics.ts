// The metric p_j normalised to [0,1], per part and per model, comparing a predicted output with
// the exact one. Pure: used by profiling, link evaluation and live accuracy alike.
import { partWidth, type ModelOutput, type OutputSpec, type VectorPart } from './output-spec'

export function argmax(values: readonly number[]): number {
  let best = 0
  for (let i = 1; i < values.length; i++) if ((values[i] ?? -Infinity) > (values[best] ?? -Infinity)) best = i
  return best
}

/** Intersection over union of [x, y, w, h] boxes; an all-zero box is "no box", two of them agree. */
export function iou(a: readonly number[], b: readonly number[]): number {
  const emptyA = isEmptyBox(a)
  const emptyB = isEmptyBox(b)
  if (emptyA || emptyB) return emptyA && emptyB ? 1 : 0
  const [ax, ay, aw, ah] = a as [number, number, number, number]
  const [bx, by, bw, bh] = b as [number, number, number, number]
  const ix = Math.max(0, Math.min(ax + aw, bx + bw) - Math.max(ax, bx))
  const iy = Math.max(0, Math.min(ay + ah, by + bh) - Math.max(ay, by))
  const inter = ix * iy
  const union = aw * ah + bw * bh - inter
  return union > 0 ? inter / union : 0
}

/** A predicted box this small counts as "no box" (links regress boxes, they rarely hit exact zero). */
const EMPTY_BOX_AREA = 1e-4

function isEmptyBox(box: readonly number[]): boolean {
  const w = box[2] ?? 0
  const h = box[3] ?? 0
  return w <= 0 || h <= 0 || w * h < EMPTY_BOX_AREA
}

export function partScore(part: VectorPart, predicted: readonly number[], exact: readonly number[]): number {
  switch (part.task) {
    case 'single-label':
      return argmax(predicted) === argmax(exact) ? 1 : 0
    case 'multi-label': {
      let agree = 0
      for (let i = 0; i < exact.length; i++) if ((predicted[i] ?? 0) >= 0.5 === (exact[i] ?? 0) >= 0.5) agree++
      return exact.length ? agree / exact.length : 1
    }
    case 'counting':
      return clamp01(1 - Math.abs(Math.round(predicted[0] ?? 0) - (exact[0] ?? 0)) / part.max)
    case 'regression':
      return clamp01(1 - Math.abs((predicted[0] ?? 0) - (exact[0] ?? 0)) / (part.max - part.min))
    case 'localization':
      return iou(predicted, exact)
  }
}

/** Word error rate: edit distance over the exact sequence's length (an empty pair agrees). */
export function wordErrorRate(predicted: readonly string[], exact: readonly string[]): number {
  if (exact.length === 0) return predicted.length === 0 ? 0 : 1
  let prev = Array.from({ length: predicted.length + 1 }, (_, j) => j)
  for (let i = 1; i <= exact.length; i++) {
    const row = [i]
    for (let j = 1; j <= predicted.length; j++) {
      const cost = exact[i - 1] === predicted[j - 1] ? 0 : 1
      row.push(Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost))
    }
    prev = row
  }
  return (prev[predicted.length] ?? 0) / exact.length
}

/** Per-part scores of one output (a sequence has one part). */
export function partScores(spec: OutputSpec, predicted: ModelOutput, exact: ModelOutput): number[] {
  if (spec.kind === 'sequence') {
    if (predicted.kind !== 'sequence' || exact.kind !== 'sequence') throw new Error('sequence spec needs sequence outputs')
    return [clamp01(1 - wordErrorRate(predicted.tokens, exact.tokens))]
  }
  if (predicted.kind !== 'vector' || exact.kind !== 'vector') throw new Error('vector spec needs vector outputs')
  let offset = 0
  return spec.parts.map((part) => {
    const width = partWidth(part)
    const score = partScore(part, predicted.values.slice(offset, offset + width), exact.values.slice(offset, offset + width))
    offset += width
    return score
  })
}

/** The model's metric for one frame: the mean of its parts' scores. */
export function outputScore(spec: OutputSpec, predicted: ModelOutput, exact: ModelOutput): number {
  const scores = partScores(spec, predicted, exact)
  return scores.reduce((a, b) => a + b, 0) / scores.length
}

function clamp01(x: number): number {
  return Math.min(1, Math.max(0, x))
}
