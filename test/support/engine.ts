import type { EventName, PayloadOf, ProfileRun } from '../../src-main/api/contract'
import { createEngine, type Engine, type EngineOptions } from '../../src-main/app/compose'
import { DEFAULT_FRAME_SIZE } from '../../src-main/models/frame'
import { readFrames } from '../../src-main/sources/video-frames'
import { makeTempDir } from './temp-dir'
import { BUILT_PATHS } from './built'

/** A real engine over a real SQLite file in a fresh temp dir. */
export async function startTestEngine(options: Partial<EngineOptions> = {}): Promise<{ engine: Engine; dataDir: string; stop: () => Promise<void> }> {
  const dir = makeTempDir()
  const engine = await createEngine({ dataDir: dir.path, shell: 'headless', paths: BUILT_PATHS, ...options })
  return {
    engine,
    dataDir: dir.path,
    async stop() {
      await engine.close()
      dir.remove()
    }
  }
}

/** Resolves with the next event on `topic` that satisfies `accept` (events, no polling). */
export function nextEvent<E extends EventName>(engine: Engine, topic: E, accept: (payload: PayloadOf<E>) => boolean): Promise<PayloadOf<E>> {
  return new Promise((resolve) => {
    const off = engine.bus.subscribe(topic, (payload) => {
      if (accept(payload)) {
        off()
        resolve(payload)
      }
    })
  })
}

/** Profiles the videos with the models, waits for the run to end, trains its links; resolves the run. */
export async function trainedRun(engine: Engine, params: { videos: string[]; models: string[]; every?: number; epochs: number }): Promise<ProfileRun> {
  const started = (await engine.router.call('profiles.start', { videos: params.videos, models: params.models, every: params.every ?? 2 })) as ProfileRun
  const run = await nextEvent(engine, 'profiles.changed', (r) => r.id === started.id && r.status !== 'running')
  if (run.status !== 'done') throw new Error(`profiling run ${run.id} ${run.status}: ${run.error}`)
  const trained = nextEvent(engine, 'links.trained', (t) => t.runId === run.id)
  await engine.router.call('links.train', { runId: run.id, epochs: params.epochs })
  const result = await trained
  if (result.status !== 'done') throw new Error(`links of run ${run.id} ${result.status}: ${result.error}`)
  return run
}

/** Measures each model's cost on the first frames of `video` (the first `warmup` not timed), then unloads it. */
export async function measureCosts(engine: Engine, models: string[], video: string, frames: number, warmup: number): Promise<void> {
  const decoded = await readFrames(video, { ...DEFAULT_FRAME_SIZE, maxFrames: frames })
  for (const id of models) {
    await engine.models.profileCost(id, decoded, warmup)
    await engine.models.unload(id)
  }
}
