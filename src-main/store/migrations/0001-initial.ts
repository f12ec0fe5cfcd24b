import type { Migration } from '../migrate'

// The first schema: everything later work persists. JSON columns hold structured values
// whose shape the owning repository validates.
export const initial: Migration = {
  version: 1,
  name: 'initial',
  sql: `
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE journal (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  level TEXT NOT NULL CHECK (level IN ('info', 'warn', 'error')),
  source TEXT NOT NULL,
  message TEXT NOT NULL,
  details TEXT
);
CREATE INDEX journal_source ON journal (source, id);

CREATE TABLE cameras (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  location TEXT NOT NULL,
  options TEXT NOT NULL DEFAULT '{}',
  created_at TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'stopped',
  last_error TEXT,
  last_frame_at TEXT
);

CREATE TABLE models (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  version TEXT NOT NULL,
  output_spec TEXT NOT NULL,
  config TEXT NOT NULL DEFAULT '{}',
  enabled INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL
);

CREATE TABLE model_costs (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  model_id TEXT NOT NULL REFERENCES models (id) ON DELETE CASCADE,
  measured_at TEXT NOT NULL,
  backend TEXT NOT NULL,
  memory_bytes INTEGER NOT NULL,
  memory_kind TEXT NOT NULL,
  latency_p50_ms REAL NOT NULL,
  latency_p95_ms REAL NOT NULL,
  details TEXT
);
CREATE INDEX model_costs_model ON model_costs (model_id, measured_at);

CREATE TABLE profiling_runs (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  started_at TEXT NOT NULL,
  ended_at TEXT,
  status TEXT NOT NULL CHECK (status IN ('running', 'done', 'cancelled', 'interrupted')),
  cameras TEXT NOT NULL,
  models TEXT NOT NULL,
  frames INTEGER NOT NULL DEFAULT 0,
  details TEXT
);

-- Outputs are cached by footage segment, frame and model version, so re-profiling the same
-- footage does not recompute; run_frames says which cached frames belong to a run.
CREATE TABLE profiled_outputs (
  segment TEXT NOT NULL,
  frame INTEGER NOT NULL,
  model_id TEXT NOT NULL,
  model_version TEXT NOT NULL,
  output TEXT NOT NULL,
  raw TEXT,
  PRIMARY KEY (segment, frame, model_id, model_version)
);

CREATE TABLE run_frames (
  run_id INTEGER NOT NULL REFERENCES profiling_runs (id) ON DELETE CASCADE,
  segment TEXT NOT NULL,
  frame INTEGER NOT NULL,
  camera_id TEXT,
  captured_at TEXT NOT NULL,
  PRIMARY KEY (run_id, segment, frame)
);

CREATE TABLE links (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  run_id INTEGER NOT NULL REFERENCES profiling_runs (id) ON DELETE CASCADE,
  source_model TEXT NOT NULL,
  target_model TEXT NOT NULL,
  architecture TEXT NOT NULL,
  config TEXT NOT NULL,
  weights BLOB,
  trained_at TEXT,
  UNIQUE (run_id, source_model, target_model)
);

CREATE TABLE link_metrics (
  link_id INTEGER NOT NULL REFERENCES links (id) ON DELETE CASCADE,
  split TEXT NOT NULL,
  metric TEXT NOT NULL,
  value REAL NOT NULL,
  baseline REAL,
  PRIMARY KEY (link_id, split, metric)
);

CREATE TABLE selections (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  budget REAL NOT NULL,
  cost_type TEXT NOT NULL CHECK (cost_type IN ('memory', 'latency')),
  selector TEXT NOT NULL,
  active TEXT NOT NULL,
  expected_accuracy REAL NOT NULL,
  details TEXT
);

CREATE TABLE accuracy_samples (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  model_id TEXT NOT NULL,
  camera_id TEXT,
  accuracy REAL NOT NULL,
  frames INTEGER NOT NULL,
  origin TEXT NOT NULL
);
CREATE INDEX accuracy_samples_model ON accuracy_samples (model_id, at);
`
}
