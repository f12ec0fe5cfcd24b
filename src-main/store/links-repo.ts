// Trained links of a profiling run: weights, per-link scores beside the constant baseline, and
// per-target summaries (best single, ensemble, guarded ensemble).
import type { SubsetScore, TargetEvaluation } from '../links/evaluation'
import type { CurvePoint, StoredLink } from '../links/train-target'
import type { FractionResult } from '../links/data-fraction'
import type { TrainingConfig } from '../links/training-config'
import type { ModelOutput } from '../models/output-spec'
import type { Db } from './database'

interface TargetRow {
  target_model: string
  constant: number
  best_source: string
  best_single: number
  ensemble: number
  guarded: number
  guarded_sources: string
  subsets: string
  curve: string
  prior: string | null
  seconds: number
}

/** A target's evaluation as stored, with its training curve and prior (null for links trained before priors were kept). */
export type StoredTarget = TargetEvaluation & { seconds: number; curve: CurvePoint[]; prior: ModelOutput | null }

export class LinksRepo {
  constructor(readonly db: Db) {}

  /** Replaces everything stored for this run's target. */
  saveTarget(runId: number, trained: { evaluation: TargetEvaluation; links: StoredLink[]; seconds: number; curve: CurvePoint[]; prior: ModelOutput }, config: TrainingConfig, now: string): void {
    const { evaluation, links, seconds, curve, prior } = trained
    const target = evaluation.target
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM links WHERE run_id = ? AND target_model = ?').run(runId, target)
      const insertLink = this.db.prepare('INSERT INTO links (run_id, source_model, target_model, architecture, config, weights, trained_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      const insertMetric = this.db.prepare('INSERT INTO link_metrics (link_id, split, metric, value, baseline) VALUES (?, ?, ?, ?, ?)')
      for (const link of links) {
        const score = evaluation.links.find((l) => l.source === link.source)!
        const weights = Buffer.concat(link.weights.map((w) => Buffer.from(w.buffer, w.byteOffset, w.byteLength)))
        const id = Number(insertLink.run(runId, link.source, target, link.architecture, JSON.stringify({ ...config, shapes: link.shapes }), weights, now).lastInsertRowid)
        insertMetric.run(id, 'validation', 'score', score.validation, null)
        insertMetric.run(id, 'test', 'score', score.test, evaluation.constant)
      }
      this.db
        .prepare(
          `INSERT OR REPLACE INTO link_targets (run_id, target_model, constant, best_source, best_single, ensemble, guarded, guarded_sources, subsets, curve, prior, seconds, trained_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
        )
        .run(runId, target, evaluation.constant, evaluation.bestSingle.source, evaluation.bestSingle.test, evaluation.ensemble, evaluation.guarded.test, JSON.stringify(evaluation.guarded.sources), JSON.stringify(evaluation.subsets), JSON.stringify(curve), JSON.stringify(prior), seconds, now)
    })()
  }

  /** Every target's evaluation for the run, as stored. */
  evaluations(runId: number): StoredTarget[] {
    const targets = this.db.prepare('SELECT * FROM link_targets WHERE run_id = ? ORDER BY rowid').all(runId) as TargetRow[]
    const links = this.db
      .prepare(
        `SELECT l.source_model, l.target_model, l.architecture,
                MAX(CASE WHEN m.split = 'test' THEN m.value END) AS test,
                MAX(CASE WHEN m.split = 'validation' THEN m.value END) AS validation
           FROM links l JOIN link_metrics m ON m.link_id = l.id WHERE l.run_id = ? GROUP BY l.id ORDER BY l.id`
      )
      .all(runId) as { source_model: string; target_model: string; architecture: string; test: number; validation: number }[]
    return targets.map((t) => ({
      target: t.target_model,
      links: links.filter((l) => l.target_model === t.target_model).map((l) => ({ source: l.source_model, architecture: l.architecture as never, test: l.test, validation: l.validation })),
      constant: t.constant,
      bestSingle: { source: t.best_source, test: t.best_single },
      ensemble: t.ensemble,
      guarded: { sources: JSON.parse(t.guarded_sources) as string[], test: t.guarded },
      subsets: JSON.parse(t.subsets) as SubsetScore[],
      curve: JSON.parse(t.curve) as CurvePoint[],
      prior: t.prior ? (JSON.parse(t.prior) as ModelOutput) : null,
      seconds: t.seconds
    }))
  }

  /** Replaces the run's data-fraction study. */
  saveFractions(runId: number, results: FractionResult[], now: string): void {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM link_fractions WHERE run_id = ?').run(runId)
      const insert = this.db.prepare('INSERT INTO link_fractions (run_id, fraction, train_frames, target_model, constant, best_single, guarded, measured_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      for (const r of results) for (const t of r.targets) insert.run(runId, r.fraction, r.trainFrames, t.target, t.constant, t.bestSingle.test, t.guarded.test, now)
    })()
  }

  fractions(runId: number): FractionResult[] {
    const rows = this.db.prepare('SELECT * FROM link_fractions WHERE run_id = ? ORDER BY fraction, rowid').all(runId) as { fraction: number; train_frames: number; target_model: string; constant: number; best_single: number; guarded: number }[]
    const out = new Map<number, FractionResult>()
    for (const r of rows) {
      const entry = out.get(r.fraction) ?? { fraction: r.fraction, trainFrames: r.train_frames, targets: [] }
      entry.targets.push({ target: r.target_model, constant: r.constant, bestSingle: { source: '', test: r.best_single }, guarded: { sources: [], test: r.guarded } })
      out.set(r.fraction, entry)
    }
    return [...out.values()]
  }
}

export interface LoadedLinkWeights {
  source: string
  target: string
  architecture: string
  /** The training configuration (sizes of the layers), as stored with the weights. */
  config: TrainingConfig
  shapes: number[][]
  weights: Float32Array[]
}

/** The stored weights of a run's links, split back into arrays by their recorded shapes. */
export function loadLinkWeights(db: Db, runId: number): LoadedLinkWeights[] {
  const rows = db.prepare('SELECT source_model, target_model, architecture, config, weights FROM links WHERE run_id = ? ORDER BY id').all(runId) as {
    source_model: string
    target_model: string
    architecture: string
    config: string
    weights: Buffer
  }[]
  return rows.map((r) => {
    const { shapes, ...config } = JSON.parse(r.config) as TrainingConfig & { shapes: number[][] }
    const all = new Float32Array(r.weights.buffer.slice(r.weights.byteOffset, r.weights.byteOffset + r.weights.byteLength))
    let offset = 0
    const weights = shapes.map((shape) => {
      const size = shape.reduce((a, b) => a * b, 1)
      const part = all.subarray(offset, offset + size)
      offset += size
      return part
    })
    return { source: r.source_model, target: r.target_model, architecture: r.architecture, config, shapes, weights }
  })
}

/** Bytes of each link's weights, by `${source}>${target}`: a link's memory cost. */
export function linkWeightBytes(links: readonly LoadedLinkWeights[]): Map<string, number> {
  return new Map(links.map((l) => [`${l.source}>${l.target}`, l.weights.reduce((n, w) => n + w.byteLength, 0)]))
}
