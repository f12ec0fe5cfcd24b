// The engine a one-shot CLI command works with: the data dir's database, no heartbeat chatter, and
// cameras re-attached only when the command is about them.
import type { BundlePaths } from '../app/bundle-paths'
import { createEngine, type Engine } from '../app/compose'
import { resolveDataDir } from '../store/data-dir'

export function engineFor(dataDir: string | undefined, paths: BundlePaths, restoreCameras = false): Promise<Engine> {
  return createEngine({ dataDir: resolveDataDir(dataDir), shell: 'headless', paths, heartbeatMs: 60_000, restoreCameras })
}
