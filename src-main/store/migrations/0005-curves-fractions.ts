import type { Migration } from '../migrate'

// The loss curve of every target's training, and the data-fraction study's results per run.
export const curvesAndFractions: Migration = {
  version: 5,
  name: 'curves-fractions',
  sql: `
ALTER TABLE link_targets ADD COLUMN curve TEXT NOT NULL DEFAULT '[]';

CREATE TABLE link_fractions (
  run_id INTEGER NOT NULL REFERENCES profiling_runs (id) ON DELETE CASCADE,
  fraction REAL NOT NULL,
  train_frames INTEGER NOT NULL,
  target_model TEXT NOT NULL,
  constant REAL NOT NULL,
  best_single REAL NOT NULL,
  guarded REAL NOT NULL,
  measured_at TEXT NOT NULL,
  PRIMARY KEY (run_id, fraction, target_model)
);
`
}
