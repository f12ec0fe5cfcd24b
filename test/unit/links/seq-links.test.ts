// Sequence model links learn known relations on generated data, decode step-wise as an ensemble,
// and keep TF.js memory flat. Runs on the wasm backend (about 6x faster than cpu here);
// SEQ_BACKEND=cpu runs the same tests on the pure-JS backend.
import * as tf from '@tensorflow/tfjs'
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm'
import { createRequire } from 'node:module'
import { dirname } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { argmax } from '../../../src-main/models/metrics'
import {
  EOS_ID, PAD_ID, ParameterStore, SeqToSeqLink, SeqToVecLink, SequenceEncoder, SequenceLinkError, VecToSeqLink,
  attend, decodeBatch, decodeIds, encodeSequences, ensembleGreedyDecode, gatherTrimmed, greedyDecode, sequenceLoss, usedWidths
} from '../../../src-main/links/seq'
import { constantSequenceScore, randomInt, seededRandom, sequenceScore, train } from './seq-training'

const BACKEND = process.env.SEQ_BACKEND ?? 'wasm'

beforeAll(async () => {
  if (BACKEND === 'wasm') setWasmPaths(dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm')) + '/')
  expect(await tf.setBackend(BACKEND)).toBe(true)
  await tf.ready()
})

const LETTERS = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']

describe('seq->vec link', () => {
  it('learns how often "a" occurs, well above the majority class', () => {
    const random = seededRandom(1)
    const makeSet = (n: number): { seqs: string[][]; counts: number[] } => {
      const seqs = Array.from({ length: n }, () =>
        Array.from({ length: randomInt(random, 1, 6) }, () => (random() < 0.3 ? 'a' : (LETTERS[randomInt(random, 1, 7)] as string)))
      )
      return { seqs, counts: seqs.map((s) => Math.min(3, s.filter((t) => t === 'a').length)) }
    }
    const trainSet = makeSet(1000)
    const testSet = makeSet(300)
    const link = new SeqToVecLink({ vocabularySize: LETTERS.length, maxLength: 6, embedding: 8, hidden: 24, outputSize: 4, seed: 7 })
    const ids = encodeSequences(trainSet.seqs, LETTERS, 6)
    const labels = tf.oneHot(tf.tensor1d(trainSet.counts, 'int32'), 4)
    const started = performance.now()
    const steps = 300
    train({
      rows: trainSet.seqs.length, steps, batchSize: 32, variables: link.variables(), learningRate: 0.01, seed: 2,
      loss: (batch) => tf.losses.softmaxCrossEntropy(tf.gather(labels, batch), link.logits(tf.gather(ids, batch))) as tf.Scalar
    })
    const seconds = (performance.now() - started) / 1000
    const testIds = encodeSequences(testSet.seqs, LETTERS, 6)
    const predicted = tf.tidy(() => link.logits(testIds).arraySync().map((row) => argmax(row)))
    const accuracy = predicted.filter((p, i) => p === testSet.counts[i]).length / predicted.length
    const classCounts = [0, 1, 2, 3].map((c) => trainSet.counts.filter((x) => x === c).length)
    const majority = argmax(classCounts)
    const baseline = testSet.counts.filter((c) => c === majority).length / testSet.counts.length
    console.log(`seq->vec [${BACKEND}] accuracy ${accuracy.toFixed(3)} vs majority ${baseline.toFixed(3)}, ${steps} steps, ${seconds.toFixed(1)} s`)
    expect(accuracy).toBeGreaterThan(0.9)
    expect(accuracy).toBeGreaterThan(baseline + 0.3)
    tf.dispose([ids, labels, testIds])
    link.dispose()
  })
})

const XYZ = ['x', 'y', 'z']
const SORT_MAX_LENGTH = 6

/** Counts of x, y, z (0..2 each) and the sorted sequence they describe, e.g. [2,1,0] -> x x y. */
function countedSequences(n: number, seed: number): { counts: number[][]; sorted: string[][]; shuffled: string[][] } {
  const random = seededRandom(seed)
  const counts = Array.from({ length: n }, () => XYZ.map(() => randomInt(random, 0, 2)))
  const sorted = counts.map((c) => c.flatMap((k, i) => Array<string>(k).fill(XYZ[i] as string)))
  const shuffled = sorted.map((s) => [...s].sort(() => random() - 0.5))
  return { counts, sorted, shuffled }
}

/** Trains a decoding link with teacher forcing on sequenceLoss; returns the seconds it took. */
function trainDecodingLink(link: VecToSeqLink | SeqToSeqLink, sources: tf.Tensor2D, targets: tf.Tensor2D, steps: number, seed: number): number {
  const started = performance.now()
  train({
    rows: sources.shape[0], steps, batchSize: 32, variables: link.variables(), learningRate: 0.01, seed,
    loss: (batch) => {
      const targetIds = tf.gather(targets, batch)
      return sequenceLoss(link.trainLogits(tf.gather(sources, batch), targetIds), targetIds)
    }
  })
  return (performance.now() - started) / 1000
}

function decodeScore(link: VecToSeqLink | SeqToSeqLink, sources: tf.Tensor2D, exact: string[][], vocabulary: string[]): number {
  const ids = link.greedyDecode(sources)
  const predicted = decodeBatch(ids, vocabulary)
  ids.dispose()
  return sequenceScore(predicted, exact)
}

describe('vec->seq link', () => {
  it('writes the sorted sequence a count vector describes, well above the majority sequence', () => {
    const trainSet = countedSequences(600, 3)
    const testSet = countedSequences(200, 4)
    // Sources are normalised to [0, 1] as the lead's pipeline does for vector outputs.
    const sources = tf.tensor2d(trainSet.counts).div(2) as tf.Tensor2D
    const targets = encodeSequences(trainSet.sorted, XYZ, SORT_MAX_LENGTH)
    const link = new VecToSeqLink({ inputSize: 3, targetVocabularySize: 3, targetMaxLength: SORT_MAX_LENGTH, embedding: 8, hidden: 32, seed: 11 })
    const steps = 300
    const seconds = trainDecodingLink(link, sources, targets, steps, 5)
    const testSources = tf.tensor2d(testSet.counts).div(2) as tf.Tensor2D
    const score = decodeScore(link, testSources, testSet.sorted, XYZ)
    const baseline = constantSequenceScore(trainSet.sorted, testSet.sorted)
    console.log(`vec->seq [${BACKEND}] 1-WER ${score.toFixed(3)} vs majority sequence ${baseline.toFixed(3)}, ${steps} steps, ${seconds.toFixed(1)} s`)
    expect(score).toBeGreaterThan(0.9)
    expect(score).toBeGreaterThan(baseline + 0.5)
    tf.dispose([sources, targets, testSources])
    link.dispose()
  })
})

const DIGITS = ['0', '1', '2', '3', '4', '5']
const REVERSE_MAX_LENGTH = 5

function reversals(n: number, seed: number): { seqs: string[][]; reversed: string[][] } {
  const random = seededRandom(seed)
  const seqs = Array.from({ length: n }, () => Array.from({ length: randomInt(random, 1, REVERSE_MAX_LENGTH) }, () => DIGITS[randomInt(random, 0, 5)] as string))
  return { seqs, reversed: seqs.map((s) => [...s].reverse()) }
}

describe('seq->seq link', () => {
  it('reverses a short sequence, well above the majority sequence', () => {
    const trainSet = reversals(1000, 6)
    const testSet = reversals(200, 7)
    const sources = encodeSequences(trainSet.seqs, DIGITS, REVERSE_MAX_LENGTH)
    const targets = encodeSequences(trainSet.reversed, DIGITS, REVERSE_MAX_LENGTH)
    const link = new SeqToSeqLink({
      sourceVocabularySize: 6, sourceMaxLength: REVERSE_MAX_LENGTH, targetVocabularySize: 6, targetMaxLength: REVERSE_MAX_LENGTH, embedding: 16, hidden: 48, seed: 13
    })
    const steps = 400
    const seconds = trainDecodingLink(link, sources, targets, steps, 8)
    const testSources = encodeSequences(testSet.seqs, DIGITS, REVERSE_MAX_LENGTH)
    const score = decodeScore(link, testSources, testSet.reversed, DIGITS)
    const baseline = constantSequenceScore(trainSet.reversed, testSet.reversed)
    console.log(`seq->seq [${BACKEND}] 1-WER ${score.toFixed(3)} vs majority sequence ${baseline.toFixed(3)}, ${steps} steps, ${seconds.toFixed(1)} s`)
    expect(score).toBeGreaterThan(0.8)
    expect(score).toBeGreaterThan(baseline + 0.5)
    tf.dispose([sources, targets, testSources])
    link.dispose()
  })
})

describe('ensemble decode', () => {
  it('sums the step logits of a vec->seq and a seq->seq link for the same target and still decodes correctly', () => {
    const trainSet = countedSequences(600, 3)
    const testSet = countedSequences(200, 9)
    const targets = encodeSequences(trainSet.sorted, XYZ, SORT_MAX_LENGTH)
    const countSources = tf.tensor2d(trainSet.counts).div(2) as tf.Tensor2D
    const shuffledSources = encodeSequences(trainSet.shuffled, XYZ, SORT_MAX_LENGTH)
    const target = { targetVocabularySize: 3, targetMaxLength: SORT_MAX_LENGTH, embedding: 8, hidden: 32 }
    const fromCounts = new VecToSeqLink({ ...target, inputSize: 3, seed: 21 })
    const fromShuffled = new SeqToSeqLink({ ...target, sourceVocabularySize: 3, sourceMaxLength: SORT_MAX_LENGTH, seed: 22 })
    const seconds = trainDecodingLink(fromCounts, countSources, targets, 300, 23) + trainDecodingLink(fromShuffled, shuffledSources, targets, 300, 24)

    const testCounts = tf.tensor2d(testSet.counts).div(2) as tf.Tensor2D
    const testShuffled = encodeSequences(testSet.shuffled, XYZ, SORT_MAX_LENGTH)
    const ids = ensembleGreedyDecode([fromCounts, fromShuffled], [testCounts, testShuffled], SORT_MAX_LENGTH)
    expect(ids.shape).toEqual([200, SORT_MAX_LENGTH + 1])
    const ensemble = sequenceScore(decodeBatch(ids, XYZ), testSet.sorted)
    const alone = [decodeScore(fromCounts, testCounts, testSet.sorted, XYZ), decodeScore(fromShuffled, testShuffled, testSet.sorted, XYZ)]
    console.log(`ensemble [${BACKEND}] 1-WER ${ensemble.toFixed(3)} (links alone ${alone.map((a) => a.toFixed(3)).join(', ')}), 2 x 300 steps, ${seconds.toFixed(1)} s`)
    expect(ensemble).toBeGreaterThan(0.9)
    expect(ensemble).toBeGreaterThanOrEqual(Math.min(...alone))

    // Doubling one link's logits cannot change its argmax: an ensemble of a link with itself is the link.
    const twice = ensembleGreedyDecode([fromCounts, fromCounts], [testCounts, testCounts], SORT_MAX_LENGTH)
    const once = greedyDecode(fromCounts, testCounts, SORT_MAX_LENGTH)
    expect(twice.arraySync()).toEqual(once.arraySync())

    tf.dispose([targets, countSources, shuffledSources, testCounts, testShuffled, ids, twice, once])
    fromCounts.dispose()
    fromShuffled.dispose()
  })
})

describe('token encoding', () => {
  it('lays out tokens, then EOS, then PAD, and decodes back up to EOS', () => {
    const ids = encodeSequences([['b', 'a'], [], ['c', 'c', 'a']], ['a', 'b', 'c'], 3)
    expect(ids.dtype).toBe('int32')
    expect(ids.arraySync()).toEqual([[3, 2, EOS_ID, PAD_ID], [EOS_ID, PAD_ID, PAD_ID, PAD_ID], [4, 4, 2, EOS_ID]])
    expect(decodeBatch(ids, ['a', 'b', 'c'])).toEqual([['b', 'a'], [], ['c', 'c', 'a']])
    expect(decodeIds([3, PAD_ID, 4], ['a', 'b', 'c'])).toEqual(['b'])
    ids.dispose()
  })

  it('rejects unknown tokens and over-long sequences with a SequenceLinkError', () => {
    expect(() => encodeSequences([['q']], ['a'], 3)).toThrow(SequenceLinkError)
    expect(() => encodeSequences([['a', 'a']], ['a'], 1)).toThrow(/at most 1/)
  })
})

describe('building blocks', () => {
  it('padding does not change the encoder state: the final state is the one after EOS', () => {
    const params = new ParameterStore(3)
    const encoder = new SequenceEncoder(params, { vocabularySize: 3, maxLength: 5, embedding: 4, hidden: 6 })
    const ids = encodeSequences([['a', 'b'], ['c', 'a', 'b', 'a', 'c']], ['a', 'b', 'c'], 5)
    const { outputs, mask, final } = encoder.encode(ids)
    expect(outputs.shape).toEqual([2, 6, 6])
    expect(mask.arraySync()).toEqual([[1, 1, 1, 0, 0, 0], [1, 1, 1, 1, 1, 1]])
    const rows = outputs.arraySync()
    const firstFinal = final.arraySync()[0]
    // Row 0 ends (EOS) at step 2; steps 3..5 are padding and must carry that state unchanged.
    for (const t of [2, 3, 4, 5]) expect(rows[0]?.[t]).toEqual(firstFinal)
    tf.dispose([ids, outputs, mask, final])
    params.dispose()
  })

  it('cutting the all-PAD columns of a batch (gatherTrimmed) leaves the encoder state unchanged', () => {
    const params = new ParameterStore(5)
    const encoder = new SequenceEncoder(params, { vocabularySize: 3, maxLength: 6, embedding: 4, hidden: 6 })
    const seqs = [['a'], ['b', 'c'], [], ['c', 'c', 'a', 'b', 'a', 'c']]
    const ids = encodeSequences(seqs, ['a', 'b', 'c'], 6)
    const rows = [0, 1, 2]
    const idx = tf.tensor1d(rows, 'int32')
    const trimmed = gatherTrimmed(ids, usedWidths(seqs), rows, idx)
    // The widest of rows 0..2 is 'b c' + EOS: 3 of the 7 columns.
    expect(trimmed.shape).toEqual([3, 3])
    const full = encoder.encode(tf.gather(ids, idx) as tf.Tensor2D).final.arraySync()
    const cut = encoder.encode(trimmed).final.arraySync()
    full.forEach((row, r) => row.forEach((v, k) => expect(cut[r]![k]).toBeCloseTo(v, 6)))
    tf.dispose([ids, idx, trimmed])
    params.dispose()
  })

  it('attention gives masked memory slots no weight', () => {
    tf.tidy(() => {
      const h = tf.tensor2d([[1, 0.5]])
      const mask = tf.tensor2d([[1, 1, 0]])
      const memory = (last: number): tf.Tensor3D => tf.tensor3d([[[0.2, 0.1], [-0.3, 0.4], [last, last]]])
      const a = attend(h, { outputs: memory(0), mask, final: h }).arraySync()
      const b = attend(h, { outputs: memory(50), mask, final: h }).arraySync()
      expect(a).toEqual(b)
    })
  })

  it('sequenceLoss averages cross-entropy over non-PAD positions, EOS included', () => {
    tf.tidy(() => {
      const targets = tf.tensor2d([[2, EOS_ID, PAD_ID]], [1, 3], 'int32')
      const logits = (padRow: number[]): tf.Tensor3D => tf.tensor3d([[[0, 0, 1], [0, 2, 0], padRow]])
      const loss = sequenceLoss(logits([0, 0, 0]), targets).dataSync()[0] ?? NaN
      const ce = (row: number[], target: number): number => Math.log(row.reduce((s, x) => s + Math.exp(x), 0)) - (row[target] ?? 0)
      expect(loss).toBeCloseTo((ce([0, 0, 1], 2) + ce([0, 2, 0], 1)) / 2, 5)
      expect(sequenceLoss(logits([9, -9, 3]), targets).dataSync()[0]).toBeCloseTo(loss, 6)
    })
  })

  it('weights round-trip: a link given another link\'s weights gives the same outputs', () => {
    const options = { sourceVocabularySize: 4, sourceMaxLength: 3, targetVocabularySize: 5, targetMaxLength: 4, embedding: 4, hidden: 8 }
    const original = new SeqToSeqLink({ ...options, seed: 1 })
    const copy = new SeqToSeqLink({ ...options, seed: 2 })
    const sameSeed = new SeqToSeqLink({ ...options, seed: 1 })
    expect(sameSeed.weights()).toEqual(original.weights())
    expect(copy.weights()).not.toEqual(original.weights())
    copy.setWeights(original.weights())
    expect(copy.weightShapes()).toEqual(original.weightShapes())
    const source = encodeSequences([['w', 'v'], ['u']], ['u', 'v', 'w', 'x'], 3)
    const targets = encodeSequences([['a'], ['b', 'c']], ['a', 'b', 'c', 'd', 'e'], 4)
    const [a, b] = [original, copy].map((link) => tf.tidy(() => link.trainLogits(source, targets).arraySync()))
    expect(b).toEqual(a)
    expect(() => copy.setWeights(original.weights().slice(1))).toThrow(SequenceLinkError)
    tf.dispose([source, targets])
    for (const link of [original, copy, sameSeed]) link.dispose()
  })

  it('repeated inference does not grow the number of live tensors', () => {
    const seqToVec = new SeqToVecLink({ vocabularySize: 3, maxLength: 4, embedding: 4, hidden: 8, outputSize: 2, seed: 5 })
    const vecToSeq = new VecToSeqLink({ inputSize: 3, targetVocabularySize: 3, targetMaxLength: 4, embedding: 4, hidden: 8, seed: 6 })
    const seqToSeq = new SeqToSeqLink({ sourceVocabularySize: 3, sourceMaxLength: 4, targetVocabularySize: 3, targetMaxLength: 4, embedding: 4, hidden: 8, seed: 7 })
    const ids = encodeSequences([['a', 'b'], ['c']], ['a', 'b', 'c'], 4)
    const vectors = tf.tensor2d([[0, 1, 0.5], [1, 0, 0]])
    const inferOnce = (): void => {
      tf.dispose([
        seqToVec.logits(ids),
        seqToVec.features(ids),
        vecToSeq.greedyDecode(vectors),
        seqToSeq.greedyDecode(ids),
        ensembleGreedyDecode([vecToSeq, seqToSeq], [vectors, ids], 4),
        vecToSeq.trainLogits(vectors, ids),
        tf.tidy(() => sequenceLoss(seqToSeq.trainLogits(ids, ids), ids))
      ])
    }
    inferOnce()
    const before = tf.memory().numTensors
    for (let i = 0; i < 3; i++) inferOnce()
    expect(tf.memory().numTensors).toBe(before)
    tf.dispose([ids, vectors])
    for (const link of [seqToVec, vecToSeq, seqToSeq]) link.dispose()
  })
})
