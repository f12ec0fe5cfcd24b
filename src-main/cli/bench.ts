// `mlink bench`: accuracy against budget on real footage — profile (cached), measure model costs,
// train links, then compare Standalone, Standalone+prior, frame filtering and MLink per budget.
import { readdirSync, statSync } from 'node:fs'
import { extname, join } from 'node:path'
import type { BundlePaths } from '../app/bundle-paths'
import type { Engine } from '../app/compose'
import { benchBudgets, FILTER_SHARE, type BenchRow, type ModelCosts } from '../bench/accuracy-budget'
import { frameThumbnails } from '../bench/frame-change'
import { measureLinkMs } from '../links/link-latency'
import { loadDataset } from '../links/dataset'
import { DEFAULT_FRAME_SIZE } from '../models/frame'
import type { CostType } from '../selection/problem'
import { readFrames } from '../sources/video-frames'
import { costFlag, parseFlags, shareFlag, wholeFlag } from './flags'
import { engineFor } from './engine'
import { profileVideos } from './profile'
import { replay, replayMarkdown } from './bench-replay'
import { markdownTable } from './table'
import { UsageError } from './usage-error'

const VIDEO_EXTENSIONS = new Set(['.mp4', '.gif', '.avi', '.mkv', '.mov', '.webm', '.m4v'])

function benchFlags(args: string[]) {
  return parseFlags(args, {
    videos: { type: 'string', multiple: true },
    budgets: { type: 'string' },
    cost: { type: 'string' },
    every: { type: 'string' },
    frames: { type: 'string' },
    models: { type: 'string' },
    replay: { type: 'string' },
    run: { type: 'string' },
    budget: { type: 'string' },
    'every-frames': { type: 'string' },
    'reprofile-frames': { type: 'string' },
    'retrain-every': { type: 'string' },
    'data-dir': { type: 'string' },
    json: { type: 'boolean' }
  }).values
}

export async function runBench(args: string[], paths: BundlePaths): Promise<number> {
  const f = benchFlags(args)
  const costType = costFlag(f.cost)
  if (f.replay) return runReplay(f, f.replay, costType, paths)
  if (!f.videos?.length) throw new UsageError('mlink bench needs --videos DIR or --videos FILE (repeatable), or --replay VIDEO --run ID.')
  const budgets = (f.budgets ?? '0.25,0.5,0.75').split(',').map((b) => shareFlag(b, 'budgets', 0))
  const videos = f.videos.flatMap(expandVideos)
  if (videos.length === 0) throw new UsageError(`No videos in ${f.videos.join(', ')}.`)
  const engine = await engineFor(f['data-dir'], paths)
  try {
    const started = performance.now()
    const run = await profileVideos(engine, { videos, every: wholeFlag(f.every, 'every') ?? 2, maxFrames: wholeFlag(f.frames, 'frames') ?? 500, models: f.models?.split(',') })
    if (run.status !== 'done') throw new Error(`profiling run ${run.id} ${run.status}${run.error ? `: ${run.error}` : ''}`)
    const profiled = performance.now()
    const costs = await modelCosts(engine, run.models.map((m) => m.id), videos[0]!)
    await trainedLinks(engine, run.id)
    const trained = performance.now()
    const ds = loadDataset(engine.profiles, run.id, engine.models.definitions())
    const links = engine.trainer.loadLinks(run.id)
    const thumbs = await frameThumbnails(ds.frames, run.sources, DEFAULT_FRAME_SIZE)
    // Measured on 40 test frames.
    const linkMs = measureLinkMs(links.bank, ds.split.test.slice(0, 40).map((f) => new Map(ds.models.map((m) => [m.id, ds.outputs.get(m.id)![f]!]))))
    const rows = benchBudgets({ ds, evaluations: links.evaluations, bank: links.bank, costs, linkBytes: links.bytes, linkMs, thumbs, costType }, budgets)
    links.bank.dispose()
    const report = {
      run: run.id,
      frames: ds.frames.length,
      testFrames: ds.split.test.length,
      backend: engine.info().backend.name,
      costType,
      costs: Object.fromEntries(costs),
      seconds: { profile: (profiled - started) / 1000, costsAndLinks: (trained - profiled) / 1000, bench: (performance.now() - trained) / 1000 },
      rows
    }
    process.stdout.write(f.json ? JSON.stringify(report, null, 2) + '\n' : markdown(report))
    return 0
  } finally {
    await engine.close()
  }
}

async function runReplay(f: ReturnType<typeof benchFlags>, video: string, costType: CostType, paths: BundlePaths): Promise<number> {
  const runId = wholeFlag(f.run, 'run')
  if (runId === undefined) throw new UsageError('mlink bench --replay VIDEO needs --run ID: the profiling run whose links predict (see mlink bench --videos).')
  const options = {
    video,
    runId,
    budget: shareFlag(f.budget, 'budget', 0.5),
    costType,
    everyFrames: wholeFlag(f['every-frames'], 'every-frames') ?? 20,
    frames: wholeFlag(f['reprofile-frames'], 'reprofile-frames') ?? 4,
    retrainEvery: wholeFlag(f['retrain-every'], 'retrain-every', 0) ?? 3,
    every: wholeFlag(f.every, 'every') ?? 1
  }
  const engine = await engineFor(f['data-dir'], paths)
  try {
    const result = await replay(engine, options)
    process.stdout.write(f.json ? JSON.stringify({ ...options, ...result }, null, 2) + '\n' : replayMarkdown(options, result))
    return 0
  } finally {
    await engine.close()
  }
}

function expandVideos(path: string): string[] {
  if (!statSync(path, { throwIfNoEntry: false })?.isDirectory()) return [path]
  return readdirSync(path)
    .filter((n) => VIDEO_EXTENSIONS.has(extname(n).toLowerCase()))
    .sort()
    .map((n) => join(path, n))
}

/** Stored costs, measuring (and storing) those of models never measured. */
async function modelCosts(engine: Engine, ids: string[], video: string): Promise<Map<string, ModelCosts>> {
  const out = new Map<string, ModelCosts>()
  let frames = null
  for (const id of ids) {
    let cost = engine.models.cost(id)
    if (!cost) {
      frames ??= await readFrames(video, { ...DEFAULT_FRAME_SIZE, maxFrames: 12 })
      process.stderr.write(`measuring the cost of ${id}...\n`)
      cost = await engine.models.profileCost(id, frames, 2)
      await engine.models.unload(id)
    }
    out.set(id, { memoryBytes: cost.memoryBytes, latencyP50Ms: cost.latencyP50Ms })
  }
  return out
}

/** Links of the run with their per-set table, training them when there are none. */
async function trainedLinks(engine: Engine, runId: number): Promise<void> {
  const have = engine.trainer.hasTable(runId)
  if (have) return
  process.stderr.write(`training the links of run ${runId}...\n`)
  const result = await engine.trainer.start({ runId }).finished
  if (result.status !== 'done') throw new Error(`training ${result.status}${result.error ? `: ${result.error}` : ''}`)
  process.stderr.write(`trained ${result.links} links in ${result.seconds.toFixed(1)} s\n`)
}

function markdown(report: { run: number; frames: number; testFrames: number; backend: string; costType: CostType; costs: Record<string, ModelCosts>; seconds: Record<string, number>; rows: BenchRow[] }): string {
  const mb = (b: number): string => (b / 1048576).toFixed(0)
  const unit = report.costType === 'memory' ? 'MB' : 'ms/frame'
  const lines = [
    `# Accuracy vs ${report.costType} budget — run ${report.run}, ${report.frames} frames (test block: the last ${report.testFrames}), TF.js ${report.backend}`,
    '',
    `Budget = share of running every model (${report.costType === 'memory' ? `${mb(Object.values(report.costs).reduce((s, c) => s + c.memoryBytes, 0))} MB` : `${Object.values(report.costs).reduce((s, c) => s + c.latencyP50Ms, 0).toFixed(0)} ms/frame`}). Accuracy = average output accuracy measured on the test block.`,
    ''
  ]
  const table = markdownTable(
    ['budget', 'method', 'accuracy', 'expected', `memory MB`, 'ms/frame', 'frames run', 'active set'],
    report.rows.map((r) => [
      `${(r.budget * 100).toFixed(0)}% (${report.costType === 'memory' ? mb(r.budgetValue) : r.budgetValue.toFixed(0)} ${unit})`,
      r.method,
      r.accuracy.toFixed(3),
      r.expected === null ? '' : r.expected.toFixed(3),
      `${mb(r.memoryBytes)}${r.overBudget && report.costType === 'memory' ? ' (over)' : ''}`,
      `${r.frameMs.toFixed(1)}${r.overBudget && report.costType === 'latency' ? ' (over)' : ''}`,
      `${(r.processed * 100).toFixed(0)}%`,
      r.active.join(', ') || '(none)'
    ])
  )
  lines.push(table)
  lines.push(
    `Standalone: cheapest models first, outputs of the others count 0 (the paper's baseline). Standalone+prior: the same set, the others answer with their training prior.`,
    `Frame filtering: every model, only on frames whose pixel difference from the last processed frame passes a threshold set on the training block for the budget's share of frames; outputs reused in between (needs every model resident: "(over)" under a memory budget). "(over)": the measured cost on the test block exceeds the budget.`,
    `MLink + filtering: the exact selector's set on ${FILTER_SHARE * 100}% of the frames${report.costType === 'latency' ? ', with twice the per-frame budget' : ''}.`,
    `Seconds: profile ${report.seconds.profile!.toFixed(1)}, costs and links ${report.seconds.costsAndLinks!.toFixed(1)}, bench ${report.seconds.bench!.toFixed(1)}.`
  )
  return lines.join('\n') + '\n'
}
