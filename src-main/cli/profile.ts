// `mlink profile`: every model on the same frames of videos, outputs stored (cached by footage).
import type { ProfileRun, StartProfile } from '../api/contract'
import type { BundlePaths } from '../app/bundle-paths'
import type { Engine } from '../app/compose'
import { engineFor } from './engine'
import { parseFlags, wholeFlag } from './flags'
import { UsageError } from './usage-error'

export async function runProfile(args: string[], paths: BundlePaths): Promise<number> {
  const f = parseFlags(args, {
    video: { type: 'string', multiple: true },
    every: { type: 'string' },
    frames: { type: 'string' },
    models: { type: 'string' },
    'data-dir': { type: 'string' },
    json: { type: 'boolean' }
  }).values
  if (!f.video?.length) throw new UsageError('mlink profile needs at least one --video FILE.')
  const engine = await engineFor(f['data-dir'], paths)
  try {
    const started = performance.now()
    const ended = await profileVideos(engine, { videos: f.video, every: wholeFlag(f.every, 'every'), maxFrames: wholeFlag(f.frames, 'frames'), models: f.models?.split(',') })
    const seconds = ((performance.now() - started) / 1000).toFixed(1)
    process.stdout.write(f.json ? JSON.stringify(ended, null, 2) + '\n' : `run ${ended.id} ${ended.status}: ${ended.frames} frames x ${ended.models.length} models, ${ended.cached} outputs from cache, ${seconds} s${ended.error ? ` — ${ended.error}` : ''}\n`)
    return ended.status === 'done' ? 0 : 1
  } finally {
    await engine.close()
  }
}

/** Profiles the videos (cached outputs are reused), with progress on stderr; resolves the ended run. */
export async function profileVideos(engine: Engine, params: StartProfile): Promise<ProfileRun> {
  const run = await engine.profiler.start(params)
  const off = engine.bus.subscribe('profiles.progress', (p) => p.runId === run.id && process.stderr.write(`\rrun ${p.runId}: ${p.done}/${p.total} outputs (${p.modelId})   `))
  const ended = await new Promise<ProfileRun>((resolve) => {
    const stop = engine.bus.subscribe('profiles.changed', (r) => r.id === run.id && r.status !== 'running' && (stop(), resolve(r)))
  })
  off()
  process.stderr.write('\n')
  return ended
}
