// `mlink profile` and `mlink links train|matrix`: profiling runs and the link matrix from the terminal.
import type { ProfileRun, StartProfile } from '../api/contract'
import type { BundlePaths } from '../app/bundle-paths'
import { createEngine, type Engine } from '../app/compose'
import { dataFractionStudy, PAPER_FRACTIONS } from '../links/data-fraction'
import { LinkBank } from '../links/link-bank'
import { formatMatrix } from '../links/matrix'
import { loadDataset } from '../links/train-run'
import { PAPER_DEFAULTS } from '../links/training-config'
import type { ModelOutput } from '../models/output-spec'
import { loadLinkWeights } from '../store/links-repo'
import { ProfilesRepo } from '../store/profiles-repo'
import { resolveDataDir } from '../store/data-dir'
import { formatTable } from './table'
import { parseFlags, wholeFlag } from './flags'
import { UsageError } from './usage-error'

function flags(args: string[]) {
  return parseFlags(args, {
    video: { type: 'string', multiple: true },
    every: { type: 'string' },
    frames: { type: 'string' },
    models: { type: 'string' },
    run: { type: 'string' },
    epochs: { type: 'string' },
    patience: { type: 'string' },
    'data-dir': { type: 'string' },
    json: { type: 'boolean' }
  }).values
}


export async function engineFor(dataDir: string | undefined, paths: BundlePaths) {
  return createEngine({ dataDir: resolveDataDir(dataDir), shell: 'headless', paths, heartbeatMs: 60_000, restoreCameras: false })
}

export async function runProfile(args: string[], paths: BundlePaths): Promise<number> {
  const f = flags(args)
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

export async function runLinks(args: string[], paths: BundlePaths): Promise<number> {
  const [sub, ...rest] = args
  if (!['train', 'matrix', 'bench', 'fractions'].includes(sub ?? '')) throw new UsageError("Use 'mlink links train|matrix|bench|fractions --run ID'.")
  const f = flags(rest)
  const runId = wholeFlag(f.run, 'run')
  if (runId === undefined) throw new UsageError(`mlink links ${sub} needs --run ID (see the ids printed by mlink profile).`)
  const engine = await engineFor(f['data-dir'], paths)
  try {
    if (sub === 'train') {
      const { finished } = engine.trainer.start({ runId, epochs: wholeFlag(f.epochs, 'epochs'), patience: wholeFlag(f.patience, 'patience') })
      const off = engine.bus.subscribe('links.progress', (p) => {
        if (p.epoch === p.epochs || p.epoch % 10 === 0) process.stderr.write(`\r${p.targetsDone + 1}/${p.targets} ${p.target}: epoch ${p.epoch}/${p.epochs}, loss ${p.loss.toFixed(4)}      `)
      })
      const result = await finished
      off()
      process.stderr.write('\n')
      if (result.status !== 'done') throw new Error(`training ${result.status}${result.error ? `: ${result.error}` : ''}`)
      const matrix = engine.trainer.matrix(runId)
      if (f.json) process.stdout.write(JSON.stringify({ ...result, matrix }, null, 2) + '\n')
      else process.stdout.write(`trained ${result.links} links in ${result.seconds.toFixed(1)} s (${matrix.targets.map((t) => `${t.target} ${t.seconds.toFixed(1)} s`).join(', ')})\n\n${formatMatrix(matrix.targets)}`)
      return 0
    }
    if (sub === 'bench') return benchForward(engine, runId, wholeFlag(f.frames, 'frames') ?? 200)
    if (sub === 'fractions') return await fractions(engine, runId, wholeFlag(f.epochs, 'epochs') ?? PAPER_DEFAULTS.epochs, f.json ?? false)
    const matrix = engine.trainer.matrix(runId)
    process.stdout.write(f.json ? JSON.stringify(matrix, null, 2) + '\n' : formatMatrix(matrix.targets))
    return 0
  } finally {
    await engine.close()
  }
}

/** Times one batched forward of every stored vec2vec link per frame, against one forward per link. */
function benchForward(engine: Engine, runId: number, frames: number): number {
  const definitions = engine.models.definitions()
  const ds = loadDataset(new ProfilesRepo(engine.db), runId, definitions)
  const weights = loadLinkWeights(engine.db, runId)
  const bank = new LinkBank(definitions, weights)
  const singles = weights.filter((w) => w.architecture === 'vec2vec').map((w) => new LinkBank(definitions, [w]))
  const rows = ds.split.test.slice(0, frames).map((i) => new Map(ds.models.map((m) => [m.id, ds.outputs.get(m.id)![i]!])))
  const time = (fn: (row: Map<string, ModelOutput>) => void): number => {
    for (const row of rows.slice(0, 5)) fn(row)
    const started = performance.now()
    for (const row of rows) fn(row)
    return (performance.now() - started) / rows.length
  }
  const batched = time((row) => bank.logits(row))
  const separate = time((row) => singles.forEach((b) => b.logits(row)))
  // A typical active set: the first half of the models run, the rest (sequence targets included) predicted.
  const half = new Set(ds.models.slice(0, Math.ceil(ds.models.length / 2)).map((m) => m.id))
  const predicted = time((row) => bank.predict(new Map([...row].filter(([id]) => half.has(id)))))
  process.stdout.write(
    `run ${runId}, TF.js ${engine.info().backend.name}: ${bank.size} vec2vec links, ${rows.length} frames\n` +
      `  one batched forward of all links: ${batched.toFixed(3)} ms per frame\n` +
      `  one forward per link:             ${separate.toFixed(3)} ms per frame (${(separate / batched).toFixed(1)}x)\n` +
      `  full prediction of ${ds.models.length - half.size} models from ${[...half].join(', ')} (every architecture, ensemble sums and decoding): ${predicted.toFixed(3)} ms per frame\n`
  )
  bank.dispose()
  singles.forEach((b) => b.dispose())
  return 0
}

/** Trains on 1, 5, 10, 20 and 48% of the training frames and prints the guarded score per target. */
async function fractions(engine: Engine, runId: number, epochs: number, json: boolean): Promise<number> {
  const ds = loadDataset(new ProfilesRepo(engine.db), runId, engine.models.definitions())
  const results = await dataFractionStudy(ds, { ...PAPER_DEFAULTS, epochs }, PAPER_FRACTIONS, (r) => process.stderr.write(`trained on ${(r.fraction * 100).toFixed(0)}% (${r.trainFrames} frames)\n`))
  if (json) {
    process.stdout.write(JSON.stringify(results, null, 2) + '\n')
    return 0
  }
  const targets = results[0]?.targets.map((t) => t.target) ?? []
  // The baseline of the largest share: the prior a link has to beat with the most data.
  const last = results.at(-1)!
  const header = ['target', `constant (${(last.fraction * 100).toFixed(0)}%)`, ...results.map((r) => `${(r.fraction * 100).toFixed(0)}% (${r.trainFrames})`)]
  const rows = targets.map((target) => [target, last.targets.find((t) => t.target === target)!.constant.toFixed(3), ...results.map((r) => r.targets.find((t) => t.target === target)!.guarded.test.toFixed(3))])
  process.stdout.write(`Guarded-ensemble score on the test block by share of training frames used (run ${runId}, ${epochs} epochs)\n` + formatTable(header, rows))
  return 0
}
