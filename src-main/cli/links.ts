// `mlink links train|matrix|bench|fractions`: a profiling run's links from the terminal.
import type { FractionStudy } from '../api/contract'
import type { BundlePaths } from '../app/bundle-paths'
import type { Engine } from '../app/compose'
import { LinkBank } from '../links/link-bank'
import { formatMatrix } from '../links/matrix'
import { loadDataset } from '../links/dataset'
import { PAPER_DEFAULTS } from '../links/training-config'
import type { ModelOutput } from '../models/output-spec'
import { loadLinkWeights } from '../store/links-repo'
import { formatTable } from './table'
import { parseFlags, wholeFlag } from './flags'
import { engineFor } from './engine'
import { UsageError } from './usage-error'

function flags(args: string[]) {
  return parseFlags(args, {
    frames: { type: 'string' },
    run: { type: 'string' },
    epochs: { type: 'string' },
    patience: { type: 'string' },
    'data-dir': { type: 'string' },
    json: { type: 'boolean' }
  }).values
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
  const ds = loadDataset(engine.profiles, runId, definitions)
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

/** The data-fraction study in a trainer process (stored with the run, as from the Links page); prints the guarded score per target. */
async function fractions(engine: Engine, runId: number, epochs: number, json: boolean): Promise<number> {
  const ended = new Promise<FractionStudy>((resolve) => {
    const off = engine.bus.subscribe('links.fractions', (study) => {
      if (study.runId !== runId) return
      const r = study.results.at(-1)
      if (study.status === 'running' && r) process.stderr.write(`trained on ${(r.fraction * 100).toFixed(0)}% (${r.trainFrames} frames)\n`)
      if (study.status !== 'running') (off(), resolve(study))
    })
  })
  engine.trainer.studyFractions(runId, { epochs })
  const study = await ended
  if (study.status !== 'done') throw new Error(`data-fraction study ${study.status}${study.error ? `: ${study.error}` : ''}`)
  const results = study.results
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
