// Model definitions (zoo rows kept in step with the catalog; user models as the user gave them)
// and their measured costs.
import type { CostReport } from '../api/contract'
import type { ModelDefinition } from '../models/definition'
import type { Db } from './database'

interface ModelRow {
  id: string
  name: string
  kind: string
  version: string
  output_spec: string
  config: string
}

interface CostRow {
  model_id: string
  measured_at: string
  backend: string
  memory_bytes: number
  memory_kind: string
  latency_p50_ms: number
  latency_p95_ms: number
  details: string
}

export class ModelsRepo {
  constructor(private readonly db: Db) {}

  /** Inserts or updates a definition. */
  save(def: ModelDefinition, now: string): void {
    const { id, name, source, version, spec, ...rest } = def
    this.db
      .prepare(
        `INSERT INTO models (id, name, kind, version, output_spec, config, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind, version = excluded.version,
           output_spec = excluded.output_spec, config = excluded.config`
      )
      .run(id, name, source, version, JSON.stringify(spec), JSON.stringify(rest), now)
  }

  /** User models (everything not from the zoo), as saved. */
  userDefinitions(): ModelDefinition[] {
    const rows = this.db.prepare("SELECT * FROM models WHERE kind != 'zoo' ORDER BY created_at").all() as ModelRow[]
    return rows.map((r) => ({ id: r.id, name: r.name, source: r.kind, version: r.version, spec: JSON.parse(r.output_spec), ...JSON.parse(r.config) }) as ModelDefinition)
  }

  setEnabled(id: string, enabled: boolean): void {
    this.db.prepare('UPDATE models SET enabled = ? WHERE id = ?').run(enabled ? 1 : 0, id)
  }

  /** Models the operator switched off: the runtime never runs them (they are predicted or at their prior). */
  disabledIds(): Set<string> {
    return new Set(this.db.prepare('SELECT id FROM models WHERE enabled = 0').pluck().all() as string[])
  }

  remove(id: string): void {
    this.db.prepare('DELETE FROM models WHERE id = ?').run(id)
  }

  saveCost(cost: CostReport): void {
    const { modelId, measuredAt, backend, memoryBytes, memoryKind, latencyP50Ms, latencyP95Ms, ...details } = cost
    this.db
      .prepare(
        `INSERT INTO model_costs (model_id, measured_at, backend, memory_bytes, memory_kind, latency_p50_ms, latency_p95_ms, details)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`
      )
      .run(modelId, measuredAt, backend, memoryBytes, memoryKind, latencyP50Ms, latencyP95Ms, JSON.stringify(details))
  }

  /** The newest cost of every model that has one. */
  latestCosts(): Map<string, CostReport> {
    const rows = this.db
      .prepare('SELECT * FROM model_costs WHERE id IN (SELECT MAX(id) FROM model_costs GROUP BY model_id)')
      .all() as CostRow[]
    return new Map(
      rows.map((r) => [
        r.model_id,
        {
          modelId: r.model_id,
          measuredAt: r.measured_at,
          backend: r.backend as CostReport['backend'],
          memoryBytes: r.memory_bytes,
          memoryKind: r.memory_kind as CostReport['memoryKind'],
          latencyP50Ms: r.latency_p50_ms,
          latencyP95Ms: r.latency_p95_ms,
          ...(JSON.parse(r.details) as Omit<CostReport, 'modelId' | 'measuredAt' | 'backend' | 'memoryBytes' | 'memoryKind' | 'latencyP50Ms' | 'latencyP95Ms'>)
        }
      ])
    )
  }
}
