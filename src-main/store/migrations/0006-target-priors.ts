import type { Migration } from '../migrate'

// Each target's training prior as an output, stored with its links: what the runtime answers for a
// model nothing predicts, without reading the profiling run again.
export const targetPriors: Migration = {
  version: 6,
  name: 'target-priors',
  sql: `ALTER TABLE link_targets ADD COLUMN prior TEXT;`
}
