// Trains every link into one target together — one optimizer, one summed loss, one step per
// batch — then scores them (single, ensemble, guarded) against the constant baseline.
import * as tf from '@tensorflow/tfjs'
import type { ModelDefinition } from '../models/definition'
import type { ModelOutput, SequenceSpec, VectorSpec } from '../models/output-spec'
import { priorOutput } from './baseline'
import type { LinkDataset } from './dataset'
import { decodeVector, encodeVector } from './encoding'
import { evaluateTarget, type TargetEvaluation } from './evaluation'
import { activateValues, linkLosses } from './heads'
import { shuffled, seededRandom } from './seeded'
import { decodeBatch, encodeSequences, ensembleGreedyDecode, gatherTrimmed, usedWidths, sequenceLoss, type SeqToSeqLink, type SeqToVecLink, type StepwiseLink, type VecToSeqLink } from './seq'
import { architectureOf, buildSequenceLink, sourceTensor, tokensOf } from './sequence-links'
import type { Architecture, LinkLoss, TrainingConfig, TrainingProgress } from './training-config'
import { stackInputs, VecLinkGroup } from './vec-link-group'

export interface StoredLink {
  source: string
  target: string
  architecture: Architecture
  shapes: number[][]
  weights: Float32Array[]
}

export interface TrainedTarget {
  evaluation: TargetEvaluation
  links: StoredLink[]
  seconds: number
  /** Mean training loss and validation loss per epoch (the target's links train together). */
  curve: CurvePoint[]
  /** The target's training prior as an output: its answer when nothing predicts it. */
  prior: ModelOutput
}

export interface CurvePoint {
  epoch: number
  /** The target's mean batch loss (all its links summed) and its validation loss. */
  loss: number
  validationLoss: number
  /** Each link's loss on a sample of the training frames and on the validation frames after this epoch. */
  links: LinkLoss[]
}

export interface TargetHooks {
  progress(p: Omit<TrainingProgress, 'targetsDone' | 'targets'>): void
  signal?: AbortSignal
}

/** The batch rows of a link's source: sequences cut to the batch's longest (see gatherTrimmed). */
function sourceBatch(input: tf.Tensor2D, widths: number[] | null, rows: number[], idx: tf.Tensor1D): tf.Tensor2D {
  return widths ? gatherTrimmed(input, widths, rows, idx) : (tf.gather(input, idx) as tf.Tensor2D)
}

/**
 * RMSprop over shuffled batches of the training frames. After every epoch the loss on the
 * validation frames is measured; the weights of the best epoch are kept, and training stops once
 * `patience` epochs in a row brought no improvement.
 */
/** Training frames (at most) on which each link's training loss is measured after every epoch. */
const CURVE_SAMPLE = 128

async function runEpochs(
  config: TrainingConfig,
  split: { train: number[]; validation: number[] },
  variables: tf.Variable[],
  /** The loss of each link (in `sources` order) on the given rows; training minimises their sum. */
  linkLoss: (idx: tf.Tensor1D, rows: number[]) => tf.Tensor1D,
  target: string,
  sources: string[],
  hooks: TargetHooks
): Promise<void> {
  const optimizer = tf.train.rmsprop(config.learningRate)
  const random = seededRandom(config.seed)
  const validationIdx = tf.tensor1d(split.validation, 'int32')
  // Each link's training curve is measured on an evenly spaced sample of the training frames.
  const trainSample = split.train.filter((_, i) => i % Math.max(1, Math.ceil(split.train.length / CURVE_SAMPLE)) === 0)
  const trainIdx = tf.tensor1d(trainSample, 'int32')
  const batchLoss = (idx: tf.Tensor1D, rows: number[]): tf.Scalar => linkLoss(idx, rows).sum()
  let best = Infinity
  let bestWeights: tf.Tensor[] | null = null
  let sinceBest = 0
  for (let epoch = 1; epoch <= config.epochs; epoch++) {
    if (hooks.signal?.aborted) throw new Error('training cancelled')
    const order = shuffled(split.train, random)
    let total = 0
    let batches = 0
    for (let b = 0; b < order.length; b += config.batchSize) {
      const rows = order.slice(b, b + config.batchSize)
      const idx = tf.tensor1d(rows, 'int32')
      const loss = optimizer.minimize(() => batchLoss(idx, rows), true, variables)
      total += loss ? (await loss.data())[0]! : 0
      loss?.dispose()
      idx.dispose()
      batches++
    }
    // Each link's own curve: its loss on the training sample and on the validation frames after this epoch.
    const perLinkTrain = tf.tidy(() => Array.from(linkLoss(trainIdx, trainSample).dataSync()))
    const perLinkValidation = tf.tidy(() => Array.from(linkLoss(validationIdx, split.validation).dataSync()))
    const validationLoss = perLinkValidation.reduce((a, b) => a + b, 0)
    const links = sources.map((source, k) => ({ source, loss: perLinkTrain[k]!, validationLoss: perLinkValidation[k]! }))
    hooks.progress({ target, epoch, epochs: config.epochs, loss: total / Math.max(1, batches), validationLoss, links })
    if (validationLoss < best * (1 - 1e-4)) {
      best = validationLoss
      sinceBest = 0
      tf.dispose(bestWeights ?? [])
      bestWeights = variables.map((v) => v.clone())
    } else if (config.patience > 0 && ++sinceBest >= config.patience) break
    // Let progress events and cancellation through between epochs.
    await new Promise((resolve) => setImmediate(resolve))
  }
  if (bestWeights) variables.forEach((v, i) => v.assign(bestWeights![i]!))
  tf.dispose([...(bestWeights ?? []), validationIdx, trainIdx])
  optimizer.dispose()
}

export async function trainTarget(ds: LinkDataset, target: ModelDefinition, config: TrainingConfig, hooks: TargetHooks): Promise<TrainedTarget> {
  const started = performance.now()
  const sources = ds.models.filter((m) => m.id !== target.id)
  const curve: CurvePoint[] = []
  const recording: TargetHooks = { ...hooks, progress: (p) => (curve.push({ epoch: p.epoch, loss: p.loss, validationLoss: p.validationLoss, links: p.links ?? [] }), hooks.progress(p)) }
  const prior = priorOutput(target, ds.split.train.map((i) => ds.outputs.get(target.id)![i]!))
  const result = target.spec.kind === 'vector' ? await trainVectorTarget(ds, target, target.spec, sources, config, prior, recording) : await trainSequenceTarget(ds, target, target.spec, sources, config, prior, recording)
  return { ...result, seconds: (performance.now() - started) / 1000, curve, prior }
}

async function trainVectorTarget(ds: LinkDataset, target: ModelDefinition, spec: VectorSpec, sources: ModelDefinition[], config: TrainingConfig, prior: ModelOutput, hooks: TargetHooks): Promise<Omit<TrainedTarget, 'seconds' | 'curve' | 'prior'>> {
  const exact = ds.outputs.get(target.id)!
  const y = tf.tensor2d(exact.map((o) => encodeVector(spec, o)))
  const D = y.shape[1]
  const vecSources = sources.filter((s) => s.spec.kind === 'vector')
  const seqSources = sources.filter((s) => s.spec.kind === 'sequence')
  const group = vecSources.length
    ? new VecLinkGroup({ inputSizes: vecSources.map((s) => encodeVector(s.spec as VectorSpec, ds.outputs.get(s.id)![0]!).length), outputSize: D, hidden: config.hidden, seed: config.seed })
    : null
  const x = group ? stackInputs(vecSources.map((s) => ds.outputs.get(s.id)!.map((o) => encodeVector(s.spec as VectorSpec, o))), group.inputSize) : null
  const seqLinks = seqSources.map((s, k) => {
    return { def: s, ids: sourceTensor(s, ds.outputs.get(s.id)!), widths: usedWidths(tokensOf(ds.outputs.get(s.id)!)), link: buildSequenceLink(s, target, config, config.seed + 100 + k) as SeqToVecLink }
  })
  const variables = [...(group?.variables() ?? []), ...seqLinks.flatMap((l) => l.link.variables())]
  await runEpochs(
    config,
    ds.split,
    variables,
    (idx, rows) =>
      tf.tidy(() => {
        const yb = tf.gather(y, idx) as tf.Tensor2D
        const terms: tf.Tensor[] = []
        if (group && x) terms.push(linkLosses(spec, group.logits(tf.gather(x, idx, 1) as tf.Tensor3D), yb))
        for (const l of seqLinks) terms.push(linkLosses(spec, l.link.logits(gatherTrimmed(l.ids, l.widths, rows, idx)).expandDims(0) as tf.Tensor3D, yb))
        return tf.concat(terms) as tf.Tensor1D
      }),
    target.id,
    [...vecSources.map((s) => s.id), ...seqLinks.map((l) => l.def.id)],
    hooks
  )
  // Pre-activations of every link on every frame, kept as numbers for scoring ensembles.
  const logits = new Map<string, number[][]>()
  if (group && x) {
    const all = tf.tidy(() => group.logits(x)).arraySync()
    vecSources.forEach((s, l) => logits.set(s.id, all[l]!))
  }
  for (const l of seqLinks) logits.set(l.def.id, tf.tidy(() => l.link.logits(l.ids)).arraySync())
  const predict = (ids: string[], frames: number[]): ModelOutput[] =>
    frames.map((f) => {
      const sum = Array(D).fill(0) as number[]
      for (const id of ids) logits.get(id)![f]!.forEach((v, k) => (sum[k]! += v))
      return decodeVector(spec, activateValues(spec, sum))
    })
  const evaluation = evaluateTarget({
    target: target.id,
    spec,
    exact,
    sources: [...vecSources.map((s) => ({ id: s.id, architecture: 'vec2vec' as const })), ...seqSources.map((s) => ({ id: s.id, architecture: 'seq2vec' as const }))],
    predict,
    constant: prior,
    validation: ds.split.validation,
    test: ds.split.test
  })
  const links: StoredLink[] = [
    ...vecSources.map((s, l) => {
      const w = group!.weightsOf(l)
      return { source: s.id, target: target.id, architecture: 'vec2vec' as const, shapes: w.map((p) => p.shape), weights: w.map((p) => p.values) }
    }),
    ...seqLinks.map((l) => ({ source: l.def.id, target: target.id, architecture: 'seq2vec' as const, shapes: l.link.weightShapes(), weights: l.link.weights() }))
  ]
  group?.dispose()
  seqLinks.forEach((l) => (l.link.dispose(), l.ids.dispose()))
  tf.dispose([y, ...(x ? [x] : [])])
  return { evaluation, links }
}

async function trainSequenceTarget(ds: LinkDataset, target: ModelDefinition, spec: SequenceSpec, sources: ModelDefinition[], config: TrainingConfig, prior: ModelOutput, hooks: TargetHooks): Promise<Omit<TrainedTarget, 'seconds' | 'curve' | 'prior'>> {
  const exact = ds.outputs.get(target.id)!
  const targetIds = encodeSequences(tokensOf(exact), spec.vocabulary, spec.maxLength)
  const targetWidths = usedWidths(tokensOf(exact))
  const links = sources.map((s, k) => {
    const input = sourceTensor(s, ds.outputs.get(s.id)!)
    const link = buildSequenceLink(s, target, config, config.seed + 200 + k) as VecToSeqLink | SeqToSeqLink
    return { def: s, input, widths: s.spec.kind === 'sequence' ? usedWidths(tokensOf(ds.outputs.get(s.id)!)) : null, link, architecture: architectureOf(s, target) }
  })
  await runEpochs(
    config,
    ds.split,
    links.flatMap((l) => l.link.variables()),
    (idx, rows) =>
      tf.tidy(() => {
        const tb = gatherTrimmed(targetIds, targetWidths, rows, idx)
        return tf.stack(links.map((l) => sequenceLoss(l.link.trainLogits(sourceBatch(l.input, l.widths, rows, idx), tb), tb))) as tf.Tensor1D
      }),
    target.id,
    links.map((l) => l.def.id),
    hooks
  )
  const cache = new Map<string, ModelOutput[]>()
  const predict = (ids: string[], frames: number[]): ModelOutput[] => {
    const key = `${ids.join(',')}|${frames[0]}|${frames.length}`
    const hit = cache.get(key)
    if (hit) return hit
    const chosen = links.filter((l) => ids.includes(l.def.id))
    const decoded = tf.tidy(() => {
      const idx = tf.tensor1d(frames, 'int32')
      const out = ensembleGreedyDecode(chosen.map((l) => l.link as StepwiseLink), chosen.map((l) => tf.gather(l.input, idx) as tf.Tensor2D), spec.maxLength)
      return decodeBatch(out, spec.vocabulary)
    })
    const outputs = decoded.map((tokens): ModelOutput => ({ kind: 'sequence', tokens }))
    cache.set(key, outputs)
    return outputs
  }
  const evaluation = evaluateTarget({
    target: target.id,
    spec,
    exact,
    sources: links.map((l) => ({ id: l.def.id, architecture: l.architecture })),
    predict,
    constant: prior,
    validation: ds.split.validation,
    test: ds.split.test
  })
  const stored = links.map((l) => ({ source: l.def.id, target: target.id, architecture: l.architecture, shapes: l.link.weightShapes(), weights: l.link.weights() }))
  links.forEach((l) => (l.link.dispose(), l.input.dispose()))
  targetIds.dispose()
  return { evaluation, links: stored }
}
