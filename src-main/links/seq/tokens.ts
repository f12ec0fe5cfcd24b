// Token encoding shared by every sequence link: ids 0 and 1 are reserved so that padding and
// the end of a sequence are learnable symbols independent of the vocabulary.
import * as tf from '@tensorflow/tfjs'
import { SequenceLinkError } from './errors'

export const PAD_ID = 0
/** Ends every encoded sequence and doubles as the decoder's start token. */
export const EOS_ID = 1
/** Vocabulary token k (0-based) is encoded as id k + TOKEN_ID_OFFSET. */
export const TOKEN_ID_OFFSET = 2

/** Number of distinct ids (and of decoder output classes) for a vocabulary of `vocabularySize` tokens. */
export function idCount(vocabularySize: number): number {
  return vocabularySize + TOKEN_ID_OFFSET
}

/** Encodes token sequences as int32 ids [N, maxLength + 1]: tokens, then EOS, then PAD. */
export function encodeSequences(seqs: readonly (readonly string[])[], vocabulary: readonly string[], maxLength: number): tf.Tensor2D {
  const index = new Map(vocabulary.map((token, i) => [token, i + TOKEN_ID_OFFSET]))
  const width = maxLength + 1
  const ids = new Int32Array(seqs.length * width)
  seqs.forEach((seq, row) => {
    if (seq.length > maxLength) {
      throw new SequenceLinkError(`sequence ${row} has ${seq.length} tokens, the link was built for at most ${maxLength}: raise maxLength or truncate the sequence`)
    }
    seq.forEach((token, col) => {
      const id = index.get(token)
      if (id === undefined) throw new SequenceLinkError(`token "${token}" of sequence ${row} is not in the link's vocabulary: add it to the vocabulary and retrain`)
      ids[row * width + col] = id
    })
    ids[row * width + seq.length] = EOS_ID
  })
  return tf.tensor2d(ids, [seqs.length, width], 'int32')
}

/** Tokens of one row of ids, up to (not including) the first EOS or PAD. */
export function decodeIds(ids: readonly number[], vocabulary: readonly string[]): string[] {
  const tokens: string[] = []
  for (const id of ids) {
    if (id === EOS_ID || id === PAD_ID) break
    // An id outside the vocabulary can only come from a link built for a larger one; skip it.
    const token = vocabulary[id - TOKEN_ID_OFFSET]
    if (token !== undefined) tokens.push(token)
  }
  return tokens
}

/** Decodes every row of an id tensor (e.g. a greedy decode) into token sequences. */
export function decodeBatch(ids: tf.Tensor2D, vocabulary: readonly string[]): string[][] {
  return ids.arraySync().map((row) => decodeIds(row, vocabulary))
}

/** 1 where a position holds a token or EOS, 0 where it is padding. */
export function paddingMask(ids: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => tf.notEqual(ids, PAD_ID).toFloat() as tf.Tensor2D)
}

/** Per row, the columns its sequence uses: tokens + EOS. */
export function usedWidths(seqs: readonly (readonly string[])[]): number[] {
  return seqs.map((seq) => seq.length + 1)
}

/**
 * The rows `rows` of ids, cut to the widest of them: the columns after every row's EOS hold only
 * PAD, which encoders skip and sequenceLoss masks, so training over them is wasted steps.
 */
export function gatherTrimmed(ids: tf.Tensor2D, widths: readonly number[], rows: readonly number[], idx: tf.Tensor1D): tf.Tensor2D {
  const width = Math.min(ids.shape[1], Math.max(1, ...rows.map((r) => widths[r] ?? ids.shape[1])))
  return tf.tidy(() => tf.gather(ids, idx).slice([0, 0], [-1, width]) as tf.Tensor2D)
}
