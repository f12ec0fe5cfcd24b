// Low-level frame differences for Reducto-style filtering: each profiled frame as a small
// grayscale image, and which frames a difference threshold lets through.
import { existsSync } from 'node:fs'
import type { RunFrame } from '../store/profiles-repo'
import { decodeVideo } from '../sources/video-frames'
import { videoSegmentId } from '../profiling/profiler'

export const THUMB = { width: 64, height: 36 }

/** Per frame of the dataset (same order), its grayscale thumbnail. */
export async function frameThumbnails(frames: readonly RunFrame[], videos: readonly string[], size: { width: number; height: number }): Promise<Uint8Array[]> {
  const byFrame = new Map<string, Uint8Array>()
  for (const video of videos) {
    if (!existsSync(video)) continue
    const segment = videoSegmentId(video, size)
    const wanted = new Set(frames.filter((f) => f.segment === segment).map((f) => f.frame))
    if (wanted.size === 0) continue
    for await (const frame of decodeVideo(video, THUMB)) {
      if (!wanted.has(frame.seq)) continue
      const gray = new Uint8Array(THUMB.width * THUMB.height)
      for (let i = 0; i < gray.length; i++) gray[i] = (frame.rgb[3 * i]! * 0.299 + frame.rgb[3 * i + 1]! * 0.587 + frame.rgb[3 * i + 2]! * 0.114) | 0
      byFrame.set(`${segment}#${frame.seq}`, gray)
    }
  }
  return frames.map((f) => {
    const t = byFrame.get(`${f.segment}#${f.frame}`)
    if (!t) throw new Error(`frame ${f.frame} of ${f.segment} is not in the given videos: pass the videos the run profiled`)
    return t
  })
}

/** Mean absolute pixel difference, 0..255. */
export function difference(a: Uint8Array, b: Uint8Array): number {
  let sum = 0
  for (let i = 0; i < a.length; i++) sum += Math.abs(a[i]! - b[i]!)
  return sum / a.length
}

/**
 * Which of `frames` (dataset indices, in time order) are processed: the first of each segment, then
 * every frame that differs from the last processed one by at least `threshold`.
 */
export function filterFrames(frames: readonly number[], segments: readonly string[], thumbs: readonly Uint8Array[], threshold: number): Set<number> {
  const processed = new Set<number>()
  let last: number | null = null
  for (const f of frames) {
    if (last === null || segments[f] !== segments[last] || difference(thumbs[f]!, thumbs[last]!) >= threshold) {
      processed.add(f)
      last = f
    }
  }
  return processed
}

/** The threshold at which about `fraction` of `frames` are processed (bisection on the frames given). */
export function thresholdFor(fraction: number, frames: readonly number[], segments: readonly string[], thumbs: readonly Uint8Array[]): number {
  if (fraction >= 1) return 0
  let lo = 0
  let hi = 256
  for (let i = 0; i < 30; i++) {
    const mid = (lo + hi) / 2
    const share = filterFrames(frames, segments, thumbs, mid).size / Math.max(1, frames.length)
    if (share > fraction) lo = mid
    else hi = mid
  }
  return hi
}
