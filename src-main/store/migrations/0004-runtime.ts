import type { Migration } from '../migrate'

// The collaborative runtime: per target the score of every active set (the selectors' table), and
// a log of what the runtime did — loads, unloads, budget changes, re-profiling rounds, crashes.
export const runtime: Migration = {
  version: 4,
  name: 'runtime',
  sql: `
ALTER TABLE link_targets ADD COLUMN subsets TEXT NOT NULL DEFAULT '[]';

CREATE TABLE runtime_events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('start', 'stop', 'budget', 'load', 'unload', 'reprofile', 'crash')),
  model_id TEXT,
  details TEXT
);
CREATE INDEX runtime_events_at ON runtime_events (at);
CREATE INDEX selections_at ON selections (at);
`
}
