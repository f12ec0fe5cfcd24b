// Profiling runs: every chosen model on the same frames, one model loaded at a time (so a run
// never needs more memory than the largest model), outputs stored aligned by frame and cached
// by footage segment, frame and model version. Runs in the background; cancellable; progress
// as throttled events.
import { createHash } from 'node:crypto'
import { closeSync, fstatSync, openSync, readSync, statSync } from 'node:fs'
import { resolve } from 'node:path'
import type { ProfileRun, StartProfile } from '../api/contract'
import { ApiError } from '../api/errors'
import type { EventBus } from '../api/event-bus'
import type { Clock } from '../app/clock'
import type { Journal } from '../journal/journal'
import { DEFAULT_FRAME_SIZE, type Frame } from '../models/frame'
import type { ModelManager } from '../models/model-manager'
import type { CameraManager } from '../sources/camera-manager'
import { decodeVideo } from '../sources/video-frames'
import type { ProfilesRepo, RunFrame } from '../store/profiles-repo'

export interface ProfilerOptions {
  repo: ProfilesRepo
  models: ModelManager
  cameras: CameraManager
  bus: EventBus
  journal: Journal
  clock: Clock
}

/** A source of the run: where its frames come from, and how to read them again for each model. */
interface Segment {
  id: string
  label: string
  cameraId: string | null
  frames(signal: AbortSignal): AsyncIterable<Frame>
}

const BATCH = 4
const PROGRESS_EVERY_MS = 250

export class Profiler {
  private readonly running = new Map<number, { abort: AbortController; finished: Promise<void> }>()
  private shuttingDown = false

  constructor(private readonly options: ProfilerOptions) {
    const interrupted = options.repo.interruptRunning(options.clock.now().toISOString())
    if (interrupted) options.journal.record('warn', 'profiles', `${interrupted} profiling run(s) were interrupted by the last shutdown`)
  }

  list(limit?: number): ProfileRun[] {
    return this.options.repo.list(limit)
  }

  get(runId: number): ProfileRun {
    const run = this.options.repo.get(runId)
    if (!run) throw new ApiError('not_found', `No profiling run ${runId}.`)
    return run
  }

  async start(params: StartProfile): Promise<ProfileRun> {
    const models = (params.models ?? this.options.models.definitions().map((d) => d.id)).map((id) => this.options.models.definition(id))
    const segments = await this.segments(params)
    const runId = this.options.repo.create({
      startedAt: this.options.clock.now().toISOString(),
      sources: segments.map((s) => s.label),
      models: models.map((m) => ({ id: m.id, version: m.version }))
    })
    const abort = new AbortController()
    const finished = this.execute(runId, segments, abort.signal)
    this.running.set(runId, { abort, finished })
    const run = this.get(runId)
    this.options.bus.publish('profiles.changed', run)
    return run
  }

  cancel(runId: number): ProfileRun {
    const run = this.get(runId)
    const running = this.running.get(runId)
    if (!running) throw new ApiError('conflict', `Profiling run ${runId} is ${run.status}, not running.`)
    running.abort.abort()
    return run
  }

  /** Stops every run; they end 'interrupted' (the engine is going away, nobody cancelled them). */
  async close(): Promise<void> {
    this.shuttingDown = true
    const runs = [...this.running.values()]
    for (const r of runs) r.abort.abort()
    await Promise.all(runs.map((r) => r.finished))
  }

  private async segments(params: StartProfile): Promise<Segment[]> {
    const size = { width: params.width ?? DEFAULT_FRAME_SIZE.width, height: params.height ?? DEFAULT_FRAME_SIZE.height }
    const every = params.every ?? 1
    const maxFrames = params.maxFrames ?? 300
    const videos = (params.videos ?? []).map((video): Segment => {
      const path = resolve(video)
      if (!statSync(path, { throwIfNoEntry: false })?.isFile()) throw new ApiError('invalid_params', `No video at ${path}.`)
      const id = videoSegmentId(path, size)
      return { id, label: path, cameraId: null, frames: (signal) => decodeVideo(path, { ...size, every, maxFrames, signal }) }
    })
    const cameras: Segment[] = []
    for (const cameraId of params.cameras ?? []) {
      const camera = this.options.cameras.list().find((c) => c.id === cameraId)
      if (!camera) throw new ApiError('not_found', `No camera '${cameraId}'.`)
      // Live frames happen once: capture them first, then every model sees the same ones.
      const captured: Frame[] = []
      for await (const frame of this.options.cameras.frames(cameraId)) {
        captured.push(frame)
        if (captured.length >= maxFrames) break
      }
      cameras.push({ id: `camera:${cameraId}:${captured[0]?.capturedAt ?? ''}`, label: camera.name, cameraId, frames: async function* () { yield* captured } })
    }
    return [...videos, ...cameras]
  }

  private async execute(runId: number, segments: Segment[], signal: AbortSignal): Promise<void> {
    const { repo, models, bus, clock, journal } = this.options
    const run = this.get(runId)
    let done = 0
    let cached = 0
    let lastProgress = 0
    try {
      // The first pass lists the frames (and their capture times) the run covers.
      const frames: RunFrame[] = []
      for (const segment of segments) {
        for await (const f of segment.frames(signal)) frames.push({ segment: segment.id, frame: f.seq, capturedAt: f.capturedAt, cameraId: segment.cameraId })
      }
      repo.addFrames(runId, frames)
      const total = frames.length * run.models.length
      repo.update(runId, { frames: frames.length, total })

      for (const model of run.models) {
        if (signal.aborted) break
        const wasLoaded = models.loadedIds().includes(model.id)
        let loaded = wasLoaded
        for (const segment of segments) {
          const have = repo.cachedFrames(segment.id, model.id, model.version)
          const segmentFrames = frames.filter((f) => f.segment === segment.id).length
          const hits = frames.filter((f) => f.segment === segment.id && have.has(f.frame)).length
          done += hits
          cached += hits
          if (hits === segmentFrames) continue
          if (!loaded) {
            await models.load(model.id)
            loaded = true
          }
          let batch: Frame[] = []
          const flush = async (): Promise<void> => {
            if (batch.length === 0) return
            const outputs = await models.infer(model.id, batch, { signal })
            repo.saveOutputs(batch.map((f, i) => ({ segment: segment.id, frame: f.seq, modelId: model.id, version: model.version, output: outputs[i]!.output, raw: outputs[i]!.raw })))
            done += batch.length
            batch = []
            const now = clock.now().getTime()
            if (now - lastProgress >= PROGRESS_EVERY_MS) {
              lastProgress = now
              repo.update(runId, { done, cached })
              bus.publish('profiles.progress', { runId, done, total, modelId: model.id })
            }
          }
          for await (const frame of segment.frames(signal)) {
            if (have.has(frame.seq)) continue
            batch.push(frame)
            if (batch.length >= BATCH) await flush()
          }
          await flush()
        }
        if (loaded && !wasLoaded) await models.unload(model.id)
        bus.publish('profiles.progress', { runId, done, total, modelId: model.id })
      }
      const status = !signal.aborted ? 'done' : this.shuttingDown ? 'interrupted' : 'cancelled'
      repo.update(runId, { status, endedAt: clock.now().toISOString(), done, cached })
      journal.info('profiles', `Profiling run ${runId} ${status}: ${frames.length} frames x ${run.models.length} models (${cached} outputs from cache)`, { runId })
    } catch (err) {
      const cancelled = signal.aborted
      const message = err instanceof Error ? err.message : String(err)
      repo.update(runId, { status: !cancelled ? 'failed' : this.shuttingDown ? 'interrupted' : 'cancelled', endedAt: clock.now().toISOString(), done, cached, error: cancelled ? null : message })
      journal.record(cancelled ? 'info' : 'error', 'profiles', `Profiling run ${runId} ${cancelled ? 'cancelled' : `failed: ${message}`}`, { runId })
    }
    // Not running any more before anyone hears it ended.
    this.running.delete(runId)
    bus.publish('profiles.changed', this.get(runId))
  }
}

/**
 * The footage segment of a video file at a frame size: outputs are cached under it. Keyed by the
 * file's content (size, first and last MiB), so the same footage copied, moved or re-mounted with
 * new times still hits the cache.
 */
export function videoSegmentId(path: string, size: { width: number; height: number }): string {
  const fd = openSync(path, 'r')
  try {
    const bytes = fstatSync(fd).size
    const chunk = Math.min(bytes, 1 << 20)
    const head = Buffer.alloc(chunk)
    const tail = Buffer.alloc(chunk)
    readSync(fd, head, 0, chunk, 0)
    readSync(fd, tail, 0, chunk, bytes - chunk)
    const hash = createHash('sha1').update(String(bytes)).update(head).update(tail).digest('hex').slice(0, 16)
    return `video:${hash}@${size.width}x${size.height}`
  } finally {
    closeSync(fd)
  }
}
