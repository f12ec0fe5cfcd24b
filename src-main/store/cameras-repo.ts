// Attached cameras: their settings (with credentials, which never leave the engine) and their
// last known health, so the console re-attaches them after a restart.
import type { CameraHealth, CameraKind } from '../api/contract'
import type { SourceSettings } from '../sources/kinds/source-kind'
import type { Db } from './database'

/** A camera as stored: its source settings (location with credentials, which never leave the engine). */
export interface CameraRecord extends SourceSettings {
  id: string
  name: string
  createdAt: string
}

interface Row {
  id: string
  name: string
  kind: CameraKind
  location: string
  options: string
  created_at: string
}

export class CamerasRepo {
  constructor(private readonly db: Db) {}

  insert(camera: CameraRecord): void {
    const { id, name, kind, location, createdAt, ...options } = camera
    this.db
      .prepare('INSERT INTO cameras (id, name, kind, location, options, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(id, name, kind, location, JSON.stringify(options), createdAt)
  }

  all(): CameraRecord[] {
    const rows = this.db.prepare('SELECT * FROM cameras ORDER BY created_at, id').all() as Row[]
    return rows.map((r) => ({ id: r.id, name: r.name, kind: r.kind, location: r.location, createdAt: r.created_at, ...(JSON.parse(r.options) as Pick<CameraRecord, 'fps' | 'width' | 'height' | 'pace' | 'loop'>) }))
  }

  remove(id: string): boolean {
    return this.db.prepare('DELETE FROM cameras WHERE id = ?').run(id).changes > 0
  }

  saveHealth(id: string, health: CameraHealth): void {
    this.db.prepare('UPDATE cameras SET state = ?, last_error = ?, last_frame_at = ? WHERE id = ?').run(health.state, health.lastError, health.lastFrameAt, id)
  }
}
