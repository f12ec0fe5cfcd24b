// Re-profiled frames become training data: a profiling run that starts as a copy of the frames
// the links were trained on and grows by every re-profiling round's frames, with every model's
// exact output. Retraining on it keeps the links in step with what the camera sees now.
import type { ModelOutput } from '../models/output-spec'
import type { ProfilesRepo } from '../store/profiles-repo'

export class LiveProfile {
  readonly runId: number
  private readonly segment: string
  private readonly models: { id: string; version: string }[]

  constructor(
    private readonly profiles: ProfilesRepo,
    baseRunId: number,
    cameraId: string,
    now: string
  ) {
    const base = profiles.get(baseRunId)
    if (!base) throw new Error(`No profiling run ${baseRunId}.`)
    this.models = base.models.map((m) => ({ id: m.id, version: m.version }))
    this.segment = `camera:${cameraId}:live:${now}`
    this.runId = profiles.create({ startedAt: now, sources: [...base.sources, `camera ${cameraId} (re-profiling)`], models: base.models })
    const frames = profiles.frames(baseRunId)
    profiles.addFrames(this.runId, frames)
    profiles.update(this.runId, { status: 'done', endedAt: now, frames: frames.length })
  }

  /** Adds frames on which every model has an exact output (others are left out). */
  append(rows: { seq: number; capturedAt: string; cameraId: string; exact: Map<string, ModelOutput> }[]): number {
    const complete = rows.filter((r) => this.models.every((m) => r.exact.has(m.id)))
    this.profiles.saveOutputs(complete.flatMap((r) => this.models.map((m) => ({ segment: this.segment, frame: r.seq, modelId: m.id, version: m.version, output: r.exact.get(m.id)!, raw: null }))))
    this.profiles.addFrames(this.runId, complete.map((r) => ({ segment: this.segment, frame: r.seq, capturedAt: r.capturedAt, cameraId: r.cameraId })))
    this.profiles.update(this.runId, { frames: this.profiles.frameCount(this.runId) })
    return complete.length
  }
}
