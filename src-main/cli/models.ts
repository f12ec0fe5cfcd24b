// `mlink models list|run|cost`: the model zoo from the terminal, over the same engine services.
import type { BundlePaths } from '../app/bundle-paths'
import type { Engine } from '../app/compose'
import { dimensionNames } from '../models/output-spec'
import type { ModelDefinition } from '../models/definition'
import { DEFAULT_FRAME_SIZE } from '../models/frame'
import { sampleVideo } from '../sources/samples'
import { readFrames } from '../sources/video-frames'
import { findFfmpeg } from '../sources/ffmpeg'
import { formatTable, megabytes } from './table'
import { parseFlags, wholeFlag } from './flags'
import { engineFor } from './engine'
import { UsageError } from './usage-error'

const SIZE = DEFAULT_FRAME_SIZE

function flags(args: string[]) {
  return parseFlags(args, {
    model: { type: 'string', multiple: true },
    video: { type: 'string' },
    frames: { type: 'string' },
    warmup: { type: 'string' },
    'data-dir': { type: 'string' },
    json: { type: 'boolean' }
  }).values
}


export async function runModels(args: string[], paths: BundlePaths): Promise<number> {
  const [sub, ...rest] = args
  if (sub !== 'list' && sub !== 'run' && sub !== 'cost') throw new UsageError(`Use 'mlink models list', 'mlink models run' or 'mlink models cost'.`)
  const f = flags(rest)
  const engine = await engineFor(f['data-dir'], paths)
  try {
    if (sub === 'list') return list(engine, f.json ?? false)
    const ids = f.model ?? []
    if (sub === 'run') {
      if (ids.length !== 1 || !f.video) throw new UsageError('mlink models run needs --model ID and --video FILE.')
      return await run(engine, ids[0]!, f.video, wholeFlag(f.frames, 'frames') ?? 5, f.json ?? false)
    }
    const defs = ids.length ? ids.map((id) => engine.models.definition(id)) : engine.models.definitions()
    return await cost(engine, defs, f.video ?? sampleVideo('classroom.gif'), wholeFlag(f.frames, 'frames') ?? 10, wholeFlag(f.warmup, 'warmup', 0) ?? 2, f.json ?? false)
  } finally {
    await engine.close()
  }
}

function list(engine: Engine, json: boolean): number {
  const models = engine.models.list()
  if (json) {
    process.stdout.write(JSON.stringify(models, null, 2) + '\n')
    return 0
  }
  const rows = models.map((m) => [
    m.id,
    m.source,
    m.spec.kind === 'vector' ? dimensionNames(m.spec).length + ' values' : `tokens <= ${m.spec.maxLength}`,
    m.cost ? `${megabytes(m.cost.memoryBytes)} MB ${m.cost.memoryKind}` : '-',
    m.cost ? `${m.cost.latencyP50Ms} ms` : '-',
    m.name
  ])
  process.stdout.write(formatTable(['model', 'source', 'output', 'memory', 'p50', 'name'], rows))
  return 0
}

async function run(engine: Engine, id: string, video: string, frames: number, json: boolean): Promise<number> {
  const def = engine.models.definition(id)
  const decoded = await readFrames(video, { ...SIZE, maxFrames: frames })
  const instance = await engine.models.load(id)
  const outputs = await engine.models.infer(id, decoded)
  const status = instance.status()
  if (json) {
    process.stdout.write(JSON.stringify({ model: id, backend: status.backend, outputs: outputs.map((o, i) => ({ frame: decoded[i]!.seq, ...o })) }, null, 2) + '\n')
    return 0
  }
  process.stdout.write(`${def.name} (${id}) on ${video}: TF.js ${status.backend?.name}, pid ${status.pid}, ffmpeg ${findFfmpeg().origin}\n`)
  const names = def.spec.kind === 'vector' ? dimensionNames(def.spec) : ['tokens']
  process.stdout.write(
    formatTable(
      ['frame', 'ms', ...names],
      outputs.map((o, i) => [decoded[i]!.seq, o.inferMs.toFixed(0), ...(o.output.kind === 'vector' ? o.output.values.map((v) => +v.toFixed(3)) : [o.output.tokens.join(' ') || '(none)'])])
    )
  )
  return 0
}

async function cost(engine: Engine, defs: ModelDefinition[], video: string, frames: number, warmup: number, json: boolean): Promise<number> {
  const decoded = await readFrames(video, { ...SIZE, maxFrames: frames + warmup })
  const reports = []
  for (const def of defs) {
    process.stderr.write(`measuring ${def.id}...\n`)
    reports.push(await engine.models.profileCost(def.id, decoded, warmup))
    await engine.models.unload(def.id)
  }
  if (json) {
    process.stdout.write(JSON.stringify(reports, null, 2) + '\n')
    return 0
  }
  process.stdout.write(`Cost on ${video} (${SIZE.width}x${SIZE.height}, ${warmup} warm-up + ${frames} measured frames); memory = peak RSS of the model's own process unless a GPU reports it\n`)
  process.stdout.write(
    formatTable(
      ['model', 'backend', 'memory MB', 'kind', 'weights MB', 'peak tensors MB', 'p50 ms', 'p95 ms'],
      reports.map((r) => [r.modelId, r.backend, megabytes(r.memoryBytes), r.memoryKind, megabytes(r.weightsBytes), megabytes(r.peakTensorBytes), r.latencyP50Ms, r.latencyP95Ms])
    )
  )
  return 0
}
