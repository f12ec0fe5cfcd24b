// Wires every engine service once. Both shells (Electron and `mlink serve`) and the tests
// build the engine here, so what runs in a test is what runs for the user.
import { EventBus } from '../api/event-bus'
import { cameraHandlers } from '../api/handlers/cameras'
import { journalHandlers } from '../api/handlers/journal'
import { linkHandlers } from '../api/handlers/links'
import { runtimeHandlers } from '../api/handlers/runtime'
import { CollaborativeRuntime } from '../runtime/collaborative-runtime'
import { runReport } from '../profiling/run-report'
import { RuntimeRepo } from '../store/runtime-repo'
import { profileHandlers } from '../api/handlers/profiles'
import { modelHandlers } from '../api/handlers/models'
import { systemHandlers } from '../api/handlers/system'
import { Router } from '../api/router'
import type { BackendReport, SystemInfo } from '../api/contract'
import { Journal } from '../journal/journal'
import { databasePath, openDatabase, type Db } from '../store/database'
import { prepareDataDir } from '../store/data-dir'
import { JournalRepo } from '../store/journal-repo'
import { ModelsRepo } from '../store/models-repo'
import { CamerasRepo } from '../store/cameras-repo'
import { ProfilesRepo } from '../store/profiles-repo'
import { Profiler } from '../profiling/profiler'
import { LinkTrainer } from '../links/link-trainer'
import { LinksRepo } from '../store/links-repo'
import { CameraManager, type CameraManagerOptions } from '../sources/camera-manager'
import { forkWorker } from '../models/channel'
import type { ModelDefinition } from '../models/definition'
import type { ModelInstance } from '../models/instance'
import { ModelManager } from '../models/model-manager'
import { spawnCommand } from '../models/command/command-channel'
import { ModelProcessHost } from '../models/process-host'
import { RemoteModel } from '../models/remote/remote-model'
import { zoo } from '../models/zoo/catalog'
import { selectBackend } from '../tfjs/backend'
import type { BundlePaths } from './bundle-paths'
import { systemClock, type Clock } from './clock'
import { ENGINE_VERSION } from './version'

export interface EngineOptions {
  dataDir: string
  shell: SystemInfo['shell']
  /** better-sqlite3 build for the running ABI (the Electron shell passes its own). */
  nativeBinding?: string
  /** Where the built model worker and link trainer are. */
  paths: Pick<BundlePaths, 'workerScript' | 'trainerScript'>
  clock?: Clock
  /** Camera source timing (tests shorten it). */
  sourceTuning?: CameraManagerOptions['sourceTuning']
  /** Re-attach persisted cameras at start; default true (one-shot CLI commands pass false). */
  restoreCameras?: boolean
  /** Resume the runtime that was running when the engine last stopped (the console's engines; not one-shot CLI commands). */
  resumeRuntime?: boolean
  /** How often `system.heartbeat` is published; default 5000 ms. */
  heartbeatMs?: number
}

export interface Engine {
  router: Router
  bus: EventBus
  journal: Journal
  models: ModelManager
  cameras: CameraManager
  profiler: Profiler
  trainer: LinkTrainer
  runtime: CollaborativeRuntime
  profiles: ProfilesRepo
  db: Db
  info(): SystemInfo
  /** Stops every model process, then closes the database. */
  close(): Promise<void>
}

export async function createEngine(options: EngineOptions): Promise<Engine> {
  const clock = options.clock ?? systemClock
  const dataDir = prepareDataDir(options.dataDir)
  const dbPath = databasePath(dataDir)
  const { db, schemaVersion } = openDatabase(dbPath, { nativeBinding: options.nativeBinding })
  const bus = new EventBus()
  const journal = new Journal(new JournalRepo(db), bus, clock)
  const backend: BackendReport = (await selectBackend()).report
  const startedAt = clock.now()

  const info = (): SystemInfo => ({
    version: ENGINE_VERSION,
    shell: options.shell,
    backend,
    dataDir,
    databasePath: dbPath,
    schemaVersion,
    startedAt: startedAt.toISOString(),
    pid: process.pid,
    node: process.versions.node,
    platform: `${process.platform}-${process.arch}`
  })

  // Model processes' own output goes to the engine's stderr, prefixed with the model id.
  const log = (modelId: string) => (level: 'info' | 'warn' | 'error', line: string) => {
    if (level !== 'info') process.stderr.write(`[model ${modelId}] ${line}\n`)
  }
  const createInstance = (def: ModelDefinition): ModelInstance => {
    switch (def.source) {
      case 'zoo':
      case 'tfjs':
        return new ModelProcessHost({ definition: def, spawn: forkWorker(options.paths.workerScript, log(def.id)) })
      case 'command':
        return new ModelProcessHost({ definition: def, spawn: spawnCommand(def, log(def.id)) })
      case 'remote':
        return new RemoteModel(def)
    }
  }
  const models = new ModelManager({ zoo: zoo.map((m) => m.definition), repo: new ModelsRepo(db), createInstance, bus, journal, clock })

  const cameras = new CameraManager({ repo: new CamerasRepo(db), bus, journal, clock, sourceTuning: options.sourceTuning })
  if (options.restoreCameras ?? true) cameras.restore()

  const profiles = new ProfilesRepo(db)
  const profiler = new Profiler({ repo: profiles, models, cameras, bus, journal, clock })
  const trainer = new LinkTrainer({ trainerScript: options.paths.trainerScript, profiles, links: new LinksRepo(db), models, bus, journal, clock })

  const runtimeRepo = new RuntimeRepo(db)
  const runtime = new CollaborativeRuntime({ models, cameras, trainer, repo: runtimeRepo, profiles, bus, journal, clock })
  if (options.resumeRuntime) void runtime.resume()
  const report = async ({ runId, costType }: { runId: number; costType?: 'memory' | 'latency' }) => runReport({ profiles, trainer, models, runtime: runtimeRepo }, runId, costType)

  const router = new Router(
    { ...systemHandlers(info), ...journalHandlers(journal), ...modelHandlers(models), ...cameraHandlers(cameras), ...profileHandlers(profiler, report), ...linkHandlers(trainer), ...runtimeHandlers(runtime, runtimeRepo) },
    { error: (message, details) => journal.error('engine', message, details) }
  )

  const stopHeartbeat = clock.setInterval(() => {
    bus.publish('system.heartbeat', {
      at: clock.now().toISOString(),
      uptimeSeconds: Math.round((clock.now().getTime() - startedAt.getTime()) / 1000),
      rssBytes: process.memoryUsage.rss()
    })
  }, options.heartbeatMs ?? 5000)

  journal.info('engine', `Engine ${ENGINE_VERSION} started (${options.shell}, TF.js ${backend.name})`, {
    dataDir,
    schemaVersion
  })

  return {
    router,
    bus,
    journal,
    models,
    cameras,
    profiler,
    trainer,
    runtime,
    profiles,
    db,
    info,
    async close() {
      stopHeartbeat()
      await runtime.close()
      await trainer.close()
      await profiler.close()
      await cameras.close()
      await models.close()
      db.close()
    }
  }
}
