import type { Migration } from '../migrate'

// Profiling runs read videos as well as cameras, and a run can fail: sources replace cameras,
// 'failed' joins the statuses.
export const profilingSources: Migration = {
  version: 2,
  name: 'profiling-sources',
  rebuildsTables: true,
  sql: `
CREATE TABLE profiling_runs_new (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  started_at TEXT NOT NULL,
  ended_at TEXT,
  status TEXT NOT NULL CHECK (status IN ('running', 'done', 'cancelled', 'interrupted', 'failed')),
  sources TEXT NOT NULL,
  models TEXT NOT NULL,
  frames INTEGER NOT NULL DEFAULT 0,
  details TEXT
);
INSERT INTO profiling_runs_new (id, started_at, ended_at, status, sources, models, frames, details)
  SELECT id, started_at, ended_at, status, cameras, models, frames, details FROM profiling_runs;
DROP TABLE profiling_runs;
ALTER TABLE profiling_runs_new RENAME TO profiling_runs;
CREATE INDEX run_frames_run ON run_frames (run_id, segment, frame);
`
}
