// The built engine pieces the tests run, as the console runs them.
import { forkWorker } from '../../src-main/models/channel'
import type { ModelDefinition } from '../../src-main/models/definition'
import { ModelProcessHost, type HostOptions } from '../../src-main/models/process-host'

/** The built worker and trainer, as the console forks them. */
export const WORKER_SCRIPT = 'out/main/worker.js'
export const BUILT_PATHS = { workerScript: WORKER_SCRIPT, trainerScript: 'out/main/trainer.js' }

export function workerHost(definition: ModelDefinition, options: Partial<HostOptions> = {}): ModelProcessHost {
  return new ModelProcessHost({ definition, spawn: forkWorker(WORKER_SCRIPT, () => undefined), ...options })
}
