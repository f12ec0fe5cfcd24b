// Profiling runs, the frames each run covers, and model outputs cached by (footage segment,
// frame, model version): profiling the same footage again computes nothing twice.
import type { ModelOutput, ProfileRun, RunStatus } from '../api/contract'
import type { Db } from './database'

interface RunRow {
  id: number
  started_at: string
  ended_at: string | null
  status: RunStatus
  sources: string
  models: string
  frames: number
  details: string | null
}

interface RunDetails {
  done: number
  total: number
  cached: number
  error: string | null
}

export interface RunFrame {
  segment: string
  frame: number
  capturedAt: string
  cameraId: string | null
}

export class ProfilesRepo {
  constructor(private readonly db: Db) {}

  create(run: Pick<ProfileRun, 'startedAt' | 'sources' | 'models'>): number {
    const info = this.db
      .prepare("INSERT INTO profiling_runs (started_at, status, sources, models, details) VALUES (?, 'running', ?, ?, ?)")
      .run(run.startedAt, JSON.stringify(run.sources), JSON.stringify(run.models), JSON.stringify({ done: 0, total: 0, cached: 0, error: null }))
    return Number(info.lastInsertRowid)
  }

  update(id: number, change: Partial<Pick<ProfileRun, 'status' | 'endedAt' | 'frames' | 'done' | 'total' | 'cached' | 'error'>>): void {
    const current = this.get(id)
    if (!current) return
    const next = { ...current, ...change }
    const details: RunDetails = { done: next.done, total: next.total, cached: next.cached, error: next.error }
    this.db.prepare('UPDATE profiling_runs SET status = ?, ended_at = ?, frames = ?, details = ? WHERE id = ?').run(next.status, next.endedAt, next.frames, JSON.stringify(details), id)
  }

  get(id: number): ProfileRun | undefined {
    const row = this.db.prepare('SELECT * FROM profiling_runs WHERE id = ?').get(id) as RunRow | undefined
    return row ? toRun(row) : undefined
  }

  list(limit = 50): ProfileRun[] {
    return (this.db.prepare('SELECT * FROM profiling_runs ORDER BY id DESC LIMIT ?').all(limit) as RunRow[]).map(toRun)
  }

  /** Runs left 'running' by an engine that stopped without finishing them. */
  interruptRunning(now: string): number {
    return this.db.prepare("UPDATE profiling_runs SET status = 'interrupted', ended_at = ? WHERE status = 'running'").run(now).changes
  }

  addFrames(runId: number, frames: RunFrame[]): void {
    const insert = this.db.prepare('INSERT OR IGNORE INTO run_frames (run_id, segment, frame, camera_id, captured_at) VALUES (?, ?, ?, ?, ?)')
    this.db.transaction(() => {
      for (const f of frames) insert.run(runId, f.segment, f.frame, f.cameraId, f.capturedAt)
    })()
  }

  frameCount(runId: number): number {
    return this.db.prepare('SELECT COUNT(*) FROM run_frames WHERE run_id = ?').pluck().get(runId) as number
  }

  /** The run's frames in time order (segments in the order they were added, frames ascending). */
  frames(runId: number): RunFrame[] {
    const rows = this.db
      .prepare('SELECT segment, frame, captured_at, camera_id FROM run_frames WHERE run_id = ? ORDER BY rowid')
      .all(runId) as { segment: string; frame: number; captured_at: string; camera_id: string | null }[]
    return rows.map((r) => ({ segment: r.segment, frame: r.frame, capturedAt: r.captured_at, cameraId: r.camera_id }))
  }

  saveOutputs(rows: { segment: string; frame: number; modelId: string; version: string; output: ModelOutput; raw: unknown }[]): void {
    const insert = this.db.prepare('INSERT OR REPLACE INTO profiled_outputs (segment, frame, model_id, model_version, output, raw) VALUES (?, ?, ?, ?, ?, ?)')
    this.db.transaction(() => {
      for (const r of rows) insert.run(r.segment, r.frame, r.modelId, r.version, JSON.stringify(r.output), JSON.stringify(r.raw ?? null))
    })()
  }

  /** Frames of a segment that already have this model version's output. */
  cachedFrames(segment: string, modelId: string, version: string): Set<number> {
    const rows = this.db.prepare('SELECT frame FROM profiled_outputs WHERE segment = ? AND model_id = ? AND model_version = ?').pluck().all(segment, modelId, version) as number[]
    return new Set(rows)
  }

  /** Every model's output on every frame of the run, aligned with `frames(runId)`; null where missing. */
  outputs(runId: number, models: { id: string; version: string }[]): Map<string, (ModelOutput | null)[]> {
    const frames = this.frames(runId)
    const result = new Map<string, (ModelOutput | null)[]>()
    const select = this.db.prepare(
      `SELECT r.rowid AS position, o.output FROM run_frames r LEFT JOIN profiled_outputs o
         ON o.segment = r.segment AND o.frame = r.frame AND o.model_id = ? AND o.model_version = ?
       WHERE r.run_id = ? ORDER BY r.rowid`
    )
    for (const m of models) {
      const rows = select.all(m.id, m.version, runId) as { output: string | null }[]
      result.set(m.id, rows.map((r) => (r.output ? (JSON.parse(r.output) as ModelOutput) : null)))
    }
    if ([...result.values()].some((v) => v.length !== frames.length)) throw new Error(`run ${runId}: outputs do not align with its frames`)
    return result
  }
}

function toRun(row: RunRow): ProfileRun {
  const details = (row.details ? JSON.parse(row.details) : {}) as Partial<RunDetails>
  return {
    id: row.id,
    startedAt: row.started_at,
    endedAt: row.ended_at,
    status: row.status,
    sources: JSON.parse(row.sources) as string[],
    models: JSON.parse(row.models) as ProfileRun['models'],
    frames: row.frames,
    done: details.done ?? 0,
    total: details.total ?? 0,
    cached: details.cached ?? 0,
    error: details.error ?? null
  }
}
