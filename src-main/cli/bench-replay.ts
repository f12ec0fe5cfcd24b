// `mlink bench --replay VIDEO --run ID`: the collaborative runtime over a video played as a camera,
// with re-profiling on — accuracy over time: per re-profiling round, the active set, each
// predicted model's measured predicted-vs-exact accuracy, and the average output accuracy.
import { basename } from 'node:path'
import type { RuntimeState } from '../api/contract'
import { DEFAULT_FRAME_SIZE } from '../models/frame'
import { decodeVideo } from '../sources/video-frames'
import type { Engine } from '../app/compose'
import type { CostType } from '../selection/problem'
import { markdownTable } from './table'

export interface ReplayOptions {
  video: string
  runId: number
  /** Share of running every model. */
  budget: number
  costType: CostType
  everyFrames: number
  frames: number
  retrainEvery: number
  /** Keep one frame in `every`. */
  every: number
}

export interface ReplayRound {
  round: number
  frame: number
  active: string[]
  linksRunId: number
  /** Per model not run: predicted-vs-exact accuracy on the round's frames. */
  live: Record<string, number>
  /** (|A| + sum of live accuracies) / |F| on the round's frames. */
  accuracy: number
  expected: number
}

export async function replay(engine: Engine, o: ReplayOptions): Promise<{ rounds: ReplayRound[]; frames: number; budget: number }> {
  const ids = engine.trainer.matrix(o.runId).targets.map((t) => t.target)
  const total = ids.reduce((s, id) => {
    const cost = engine.models.summary(engine.models.definition(id)).cost
    if (!cost) throw new Error(`model '${id}' has no measured cost: run 'mlink models cost' (or mlink bench --videos) first`)
    return s + (o.costType === 'memory' ? cost.memoryBytes : cost.latencyP50Ms)
  }, 0)
  const rounds: ReplayRound[] = []
  let lastRound = 0
  const offState = engine.bus.subscribe('runtime.state', (s: RuntimeState) => {
    if (s.rounds === lastRound || s.status !== 'running') return
    lastRound = s.rounds
    const live = Object.fromEntries(s.models.filter((m) => m.liveAccuracy !== null).map((m) => [m.id, m.liveAccuracy!]))
    const exact = s.models.length - Object.keys(live).length
    rounds.push({ round: s.rounds, frame: s.frames, active: s.active, linksRunId: s.linksRunId!, live, accuracy: (exact + Object.values(live).reduce((a, b) => a + b, 0)) / s.models.length, expected: s.expectedAccuracy })
    process.stderr.write(`round ${s.rounds} at frame ${s.frames}\n`)
  })
  try {
    // Every frame of the video in order (one in `every`), none dropped: a replay, not a live camera.
    const frames = (signal: AbortSignal) => decodeVideo(o.video, { ...DEFAULT_FRAME_SIZE, every: o.every, signal })
    await engine.runtime.start({ cameraId: `replay:${basename(o.video)}`, runId: o.runId, budget: o.budget * total, costType: o.costType, reprofile: { everyFrames: o.everyFrames, frames: o.frames, retrainEvery: o.retrainEvery } }, frames)
    await engine.runtime.finished()
    const state = engine.runtime.state()
    await engine.runtime.stop()
    return { rounds, frames: state.frames, budget: o.budget * total }
  } finally {
    offState()
  }
}

export function replayMarkdown(o: ReplayOptions, result: { rounds: ReplayRound[]; frames: number }): string {
  const models = [...new Set(result.rounds.flatMap((r) => Object.keys(r.live)))].sort()
  return (
    `# Replay of ${o.video} under ${(o.budget * 100).toFixed(0)}% of the ${o.costType} cost — ${result.frames} frames, re-profiling ${o.frames} of every ${o.everyFrames}, links retrained every ${o.retrainEvery || 'never'} rounds\n\n` +
    markdownTable(
      ['round', 'frame', 'links of run', 'active', 'expected', 'measured', ...models.map((m) => `${m} (live)`)],
      result.rounds.map((r) => [r.round, r.frame, r.linksRunId, r.active.join(', '), r.expected.toFixed(3), r.accuracy.toFixed(3), ...models.map((m) => (r.live[m] === undefined ? 'exact' : r.live[m]!.toFixed(3)))])
    )
  )
}
