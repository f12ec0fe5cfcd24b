// What the collaborative runtime did, for the Runs page to replay: every selection decision,
// every live accuracy sample, and loads, unloads, budget changes, re-profiling rounds, crashes.
import type { AccuracySample, RuntimeHistory, SelectionRecord, StartRuntime } from '../api/contract'
import type { Db } from './database'

export type RuntimeEventKind = 'start' | 'stop' | 'budget' | 'load' | 'unload' | 'reprofile' | 'crash'

export class RuntimeRepo {
  constructor(private readonly db: Db) {}

  saveSelection(s: SelectionRecord): void {
    this.db
      .prepare('INSERT INTO selections (at, budget, cost_type, selector, active, expected_accuracy, details) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(s.at, s.budget, s.costType, s.selector, JSON.stringify(s.active), s.expectedAccuracy, JSON.stringify(s.details))
  }

  selections(limit = 500): SelectionRecord[] {
    const rows = this.db.prepare('SELECT * FROM selections ORDER BY id DESC LIMIT ?').all(limit) as { at: string; budget: number; cost_type: 'memory' | 'latency'; selector: string; active: string; expected_accuracy: number; details: string | null }[]
    return rows.reverse().map((r) => ({ at: r.at, budget: r.budget, costType: r.cost_type, selector: r.selector, active: JSON.parse(r.active) as string[], expectedAccuracy: r.expected_accuracy, details: JSON.parse(r.details ?? '{}') as Record<string, unknown> }))
  }

  saveAccuracy(at: string, modelId: string, cameraId: string | null, accuracy: number, frames: number, origin: string): void {
    this.db.prepare('INSERT INTO accuracy_samples (at, model_id, camera_id, accuracy, frames, origin) VALUES (?, ?, ?, ?, ?, ?)').run(at, modelId, cameraId, accuracy, frames, origin)
  }

  /** Live accuracy samples, oldest first, optionally within [since, until] (ISO times) and of one camera. */
  accuracySamples(filter: { since?: string; until?: string; cameraId?: string } = {}): AccuracySample[] {
    const rows = this.db
      .prepare(
        `SELECT at, model_id, accuracy, frames, origin FROM accuracy_samples
          WHERE (@since IS NULL OR at >= @since) AND (@until IS NULL OR at <= @until) AND (@cameraId IS NULL OR camera_id = @cameraId)
          ORDER BY id`
      )
      .all({ since: filter.since ?? null, until: filter.until ?? null, cameraId: filter.cameraId ?? null }) as { at: string; model_id: string; accuracy: number; frames: number; origin: string }[]
    return rows.map((r) => ({ at: r.at, modelId: r.model_id, accuracy: r.accuracy, frames: r.frames, origin: r.origin }))
  }

  event(at: string, kind: RuntimeEventKind, modelId: string | null, details: Record<string, unknown> = {}): void {
    this.db.prepare('INSERT INTO runtime_events (at, kind, model_id, details) VALUES (?, ?, ?, ?)').run(at, kind, modelId, JSON.stringify(details))
  }

  events(kind?: RuntimeEventKind): { at: string; kind: RuntimeEventKind; modelId: string | null; details: Record<string, unknown> }[] {
    const rows = (kind ? this.db.prepare('SELECT * FROM runtime_events WHERE kind = ? ORDER BY id').all(kind) : this.db.prepare('SELECT * FROM runtime_events ORDER BY id').all()) as { at: string; kind: RuntimeEventKind; model_id: string | null; details: string }[]
    return rows.map((r) => ({ at: r.at, kind: r.kind, modelId: r.model_id, details: JSON.parse(r.details) as Record<string, unknown> }))
  }

  /** Everything in [since, until] (ISO times), for one camera if given, oldest first. */
  history(filter: { since?: string; until?: string; cameraId?: string }): RuntimeHistory {
    const inRange = (at: string): boolean => (!filter.since || at >= filter.since) && (!filter.until || at <= filter.until)
    const camera = (id: unknown): boolean => !filter.cameraId || id === filter.cameraId
    return {
      selections: this.selections(100_000).filter((s) => inRange(s.at) && camera(s.details['cameraId'])),
      accuracy: this.accuracySamples(filter),
      events: this.events().filter((e) => inRange(e.at))
    }
  }

  /** The runtime's start parameters while it runs, so an engine restart resumes it; null once stopped. */
  saveRunning(params: StartRuntime | null): void {
    if (params === null) this.db.prepare("DELETE FROM settings WHERE key = 'runtime.running'").run()
    else this.db.prepare("INSERT INTO settings (key, value) VALUES ('runtime.running', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(JSON.stringify(params))
  }

  running(): StartRuntime | null {
    const value = this.db.prepare("SELECT value FROM settings WHERE key = 'runtime.running'").pluck().get() as string | undefined
    return value ? (JSON.parse(value) as StartRuntime) : null
  }
}
