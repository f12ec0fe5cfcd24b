import type { Migration } from '../migrate'

// Per target of a training: the constant baseline, best single link, the plain ensemble and the
// guarded one, so the link matrix reads back without retraining.
export const linkTargets: Migration = {
  version: 3,
  name: 'link-targets',
  sql: `
CREATE TABLE link_targets (
  run_id INTEGER NOT NULL REFERENCES profiling_runs (id) ON DELETE CASCADE,
  target_model TEXT NOT NULL,
  constant REAL NOT NULL,
  best_source TEXT NOT NULL,
  best_single REAL NOT NULL,
  ensemble REAL NOT NULL,
  guarded REAL NOT NULL,
  guarded_sources TEXT NOT NULL,
  seconds REAL NOT NULL,
  trained_at TEXT NOT NULL,
  PRIMARY KEY (run_id, target_model)
);
`
}
