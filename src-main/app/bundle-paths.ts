// Where the built pieces sit relative to the entry bundle (out/main). Only entry files know their
// own location for sure (shared code may land in chunks/), so each entry computes these.
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

export interface BundlePaths {
  /** The model worker process entry. */
  workerScript: string
  /** The link trainer process entry. */
  trainerScript: string
  /** The built renderer served at `/`. */
  rendererDir: string
}

/** `entryUrl`: import.meta.url of a file in out/main. */
export function bundlePaths(entryUrl: string): BundlePaths {
  const mainDir = fileURLToPath(new URL('.', entryUrl))
  return { workerScript: join(mainDir, 'worker.js'), trainerScript: join(mainDir, 'trainer.js'), rendererDir: join(mainDir, '..', 'renderer') }
}
