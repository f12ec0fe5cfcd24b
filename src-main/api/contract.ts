// The one API contract between the engine and every client (Electron IPC, HTTP/WebSocket, tests).
// Types only: the renderer imports this file with `import type`. Methods are `domain.verb`,
// events are `domain.event`. The router (router.ts) implements it and validates every input.

import type { InstanceState, CrashReason } from '../models/instance'
import type { OutputSpec, ModelOutput, VectorPart } from '../models/output-spec'
import type { TargetEvaluation } from '../links/evaluation'
import type { Relation } from '../links/matrix'
import type { TrainingProgress } from '../links/training-config'
import type { CurvePoint } from '../links/train-target'
import type { FractionResult } from '../links/data-fraction'

export type { InstanceState, CrashReason, OutputSpec, ModelOutput, VectorPart, TargetEvaluation, Relation, TrainingProgress, CurvePoint, FractionResult }

/** An empty parameter object: methods that take nothing still take `{}`. */
export type NoParams = Record<string, never>

/** Which TF.js backend computes in a process, and why the faster ones were passed over. */
export interface BackendReport {
  /** 'tensorflow' is tfjs-node(-gpu); 'external' a command model's own runtime; 'remote' a KServe server. */
  name: 'tensorflow' | 'wasm' | 'cpu' | 'external' | 'remote'
  gpu: boolean
  /** Every backend tried before the chosen one, with the reason it was not used. */
  passedOver: { name: string; reason: string }[]
}

export interface SystemInfo {
  /** Engine version (package.json). */
  version: string
  /** 'electron' for the desktop window, 'headless' for `mlink serve`. */
  shell: 'electron' | 'headless'
  backend: BackendReport
  dataDir: string
  databasePath: string
  /** Highest applied schema migration. */
  schemaVersion: number
  /** ISO time the engine started. */
  startedAt: string
  pid: number
  node: string
  platform: string
}

export type EventLevel = 'info' | 'warn' | 'error'

/** One line of the engine's journal: system happenings and operator notes. */
export interface JournalEntry {
  id: number
  /** ISO time. */
  at: string
  level: EventLevel
  /** What wrote it: 'engine', 'operator', later 'cameras', 'models', ... */
  source: string
  message: string
  details?: Record<string, unknown>
}

export interface ListJournal {
  /** Newest first; default 50, at most 500. */
  limit?: number
  /** Only entries older than this id (paging). */
  beforeId?: number
  level?: EventLevel
  source?: string
}

export interface JournalPage {
  items: JournalEntry[]
  /** Pass as `beforeId` to read the next (older) page; null at the end. */
  nextBeforeId: number | null
}

export interface AddNote {
  /** 1 to 2000 characters. */
  message: string
  /** Default 'info'. */
  level?: EventLevel
}

export interface Heartbeat {
  at: string
  uptimeSeconds: number
  rssBytes: number
}

export type ModelSource = 'zoo' | 'tfjs' | 'command' | 'remote'

/** Measured cost of one model on this machine. */
export interface CostReport {
  modelId: string
  measuredAt: string
  backend: BackendReport['name']
  /** The figure the budget counts: GPU memory on a GPU, else the process's peak resident set. */
  memoryBytes: number
  memoryKind: 'gpu' | 'rss'
  gpuBytes: number | null
  rssBytes: number
  peakRssBytes: number
  /** Tensor bytes of the weights, and the highest tensor bytes while inferring (weights included). */
  weightsBytes: number
  peakTensorBytes: number
  latencyP50Ms: number
  latencyP95Ms: number
  /** Frames measured after the warm-up frames. */
  frames: number
}

export interface ModelStatus {
  state: InstanceState
  pid: number | null
  restarts: number
  backend: BackendReport | null
  lastError: string | null
  lastCrash: CrashReason | null
}

export interface ModelSummary {
  id: string
  name: string
  description: string
  source: ModelSource
  version: string
  spec: OutputSpec
  status: ModelStatus
  /** Latest measured cost, or null before the first probe. */
  cost: CostReport | null
  /** False when the operator switched it off: the runtime then never runs it. */
  enabled: boolean
}

export interface ModelRef {
  modelId: string
}

/** A frame to run: a video file (or anything ffmpeg opens) and the frame's index in it. */
export interface FrameRef {
  video: string
  /** Default 0. */
  frame?: number
  /** Decoded size; default 480 x 270. */
  width?: number
  height?: number
}

export interface InferParams extends ModelRef, FrameRef {}

export interface InferResult {
  modelId: string
  frame: { source: string; seq: number; width: number; height: number }
  output: ModelOutput
  raw: unknown
  inferMs: number
}

export interface ProfileCostParams extends ModelRef {
  /** Footage to measure on; default the sample classroom clip. */
  video?: string
  /** Measured frames after warm-up; default 10. */
  frames?: number
  /** Warm-up frames not measured; default 2. */
  warmup?: number
}

interface RegisterCommon {
  /** Lowercase letters, digits and dashes; must not clash with another model. */
  id: string
  name: string
  description?: string
  spec: OutputSpec
}

/** A user model: a TF.js folder, a command speaking line-delimited JSON, or a KServe v2 endpoint. */
export type RegisterModel =
  | (RegisterCommon & {
      source: 'tfjs'
      folder: string
      format: 'graph' | 'layers'
      input: { width: number; height: number; scale: '0-1' | '-1-1' | '0-255' }
      /** Default 'none'. */
      postprocess?: 'none' | 'softmax' | 'sigmoid'
    })
  | (RegisterCommon & { source: 'command'; command: string; args?: string[] })
  | (RegisterCommon & { source: 'remote'; url: string; remoteModel: string })

/** How a camera is reached; each kind has its own adapter, all decoded by ffmpeg. */
export type CameraKind = 'file' | 'stream' | 'mjpeg' | 'still' | 'v4l2' | 'folder'

export type CameraState = 'connecting' | 'live' | 'stalled' | 'reconnecting' | 'error' | 'stopped'

export interface CameraSettings {
  name: string
  kind: CameraKind
  /** File or folder path, stream URL (rtsp://, rtmp://, http(s):// HLS or video), MJPEG URL, image URL, or /dev/videoN. */
  location: string
  /** Frames sampled per second, e.g. 1/60 for one a minute. Default 1. */
  fps?: number
  /** Decoded frame size shared by every model. Default 480 x 270. */
  width?: number
  height?: number
  /** Files: decode at the file's own pace ('realtime', default) or as fast as possible ('fast'). */
  pace?: 'realtime' | 'fast'
  /** Files and folders: start again at the end. Default false. */
  loop?: boolean
}

/** A probe needs no name yet. */
export type ProbeSettings = Omit<CameraSettings, 'name'> & { name?: string }

export interface CameraHealth {
  state: CameraState
  /** Frames per second delivered over the last few seconds. */
  measuredFps: number
  frames: number
  /** Frames a slow consumer never saw (replaced by newer ones). */
  dropped: number
  lastFrameAt: string | null
  lastError: string | null
  /** When the next reconnect attempt starts (state 'reconnecting'). */
  reconnectAt: string | null
  reconnects: number
}

export interface Camera {
  id: string
  name: string
  kind: CameraKind
  /** Credentials are never shown: `rtsp://user:***@host/...`. */
  location: string
  fps: number
  width: number
  height: number
  pace: 'realtime' | 'fast'
  loop: boolean
  createdAt: string
  health: CameraHealth
}

/** What "test connection" found: one frame read from the source. */
export interface ProbeResult {
  kind: CameraKind
  location: string
  codec: string | null
  /** The source's own resolution, before scaling. */
  sourceWidth: number | null
  sourceHeight: number | null
  /** The first frame at the camera's decoded size, as a JPEG data URL. */
  snapshot: string
  ffmpeg: { origin: 'system' | 'bundled'; version: string }
  elapsedMs: number
}

export interface Snapshot {
  cameraId: string
  seq: number
  capturedAt: string
  width: number
  height: number
  /** data:image/jpeg;base64,... */
  jpeg: string
}

export type RunStatus = 'running' | 'done' | 'cancelled' | 'interrupted' | 'failed'

/** A profiling run: every model on the same frames, outputs stored aligned by frame. */
export interface ProfileRun {
  id: number
  startedAt: string
  endedAt: string | null
  status: RunStatus
  /** Video paths and camera names the frames came from, in order. */
  sources: string[]
  models: { id: string; version: string }[]
  /** Frames in the run. */
  frames: number
  /** Model outputs computed so far, of frames x models; `cached` of them came from earlier runs. */
  done: number
  total: number
  cached: number
  error: string | null
}

export interface StartProfile {
  /** Video files (the sample footage, recordings). */
  videos?: string[]
  /** Attached cameras: their next `maxFrames` frames. */
  cameras?: string[]
  /** Default: every model. */
  models?: string[]
  /** Keep one frame out of every N of a video. Default 1. */
  every?: number
  /** Frames per source at most. Default 300. */
  maxFrames?: number
  /** Decoded size for videos. Default 480 x 270. */
  width?: number
  height?: number
}

export interface ProfileProgress {
  runId: number
  done: number
  total: number
  modelId: string
}

export interface TrainLinks {
  runId: number
  /** Defaults are the paper's: 100 epochs, RMSprop learning rate 0.01, batch 32. */
  epochs?: number
  /** Epochs without a better validation loss before a target stops early (default 10; 0 = never). */
  patience?: number
  learningRate?: number
  batchSize?: number
}

export interface LinksTrained {
  runId: number
  status: 'done' | 'cancelled' | 'failed'
  error: string | null
  seconds: number
  /** Links stored for the run. */
  links: number
}

/** The paper's Table 3 for one run: per target, every source's link beside the constant baseline. */
export interface LinkMatrix {
  runId: number
  targets: (TargetEvaluation & { seconds: number; curve: CurvePoint[]; prior: ModelOutput | null })[]
  relations: Relation[]
  /** The data-fraction study, if it has been run (links.studyFractions). */
  fractions: FractionResult[]
}

/** Progress and result of a data-fraction study. */
export interface FractionStudy {
  runId: number
  status: 'running' | 'done' | 'failed' | 'cancelled'
  /** Shares of the training frames, in the order they are trained. */
  fractions: number[]
  results: FractionResult[]
  error: string | null
}

export interface PredictLinks {
  runId: number
  /** The exact outputs of the models that ran on the frame (the active set). */
  outputs: Record<string, ModelOutput>
  /** 'guarded' (default): each target's guarded sources among those given, else all given; 'all': every given source. */
  ensemble?: 'guarded' | 'all'
}

export interface LinkPredictions {
  runId: number
  predictions: Record<string, { output: ModelOutput; sources: string[] }>
  /** Time of the batched forward pass and ensemble, in the engine. */
  ms: number
}

/** Every method: params in, a promise of the result out. */
// ---- Collaborative runtime -------------------------------------------------------------------

export type RuntimeCostType = 'memory' | 'latency'
export type RuntimeSelector = 'paper-greedy' | 'exact' | 'lazy-greedy'
/** What a model's tile shows. */
export type Activation = 'exact' | 'predicted' | 'prior' | 'loading' | 'unloading' | 'restarting' | 'failed'

export interface StartRuntime {
  cameraId: string
  /** The profiling run whose trained links predict the models that do not run. */
  runId: number
  /** Bytes of memory (costType memory) or ms per frame (latency). */
  budget: number
  costType?: RuntimeCostType
  selector?: RuntimeSelector
  /**
   * Re-profiling: every `everyFrames` frames (0 = off), run every model on `frames` buffered frames;
   * every `retrainEvery` rounds (default 3, 0 = never) retrain the links on the frames gathered so far.
   */
  reprofile?: { everyFrames: number; frames: number; retrainEvery?: number }
}

export interface RuntimeModel {
  id: string
  activation: Activation
  /** The model's own cost (bytes or ms), and what the links into it cost when it is predicted. */
  cost: number
  linkCost: number
  /** 1 for exact outputs, else p_j expected from the links' held-out scores. */
  expected: number
  /** Sources of its prediction when not run. */
  sources: string[]
  /** Latest predicted-vs-exact accuracy measured by re-profiling; null before the first round. */
  liveAccuracy: number | null
}

export interface RuntimeState {
  status: 'stopped' | 'running'
  cameraId: string | null
  runId: number | null
  /** The run whose links predict now: runId, or the live run of re-profiled frames once retrained. */
  linksRunId: number | null
  retraining: boolean
  costType: RuntimeCostType
  selector: RuntimeSelector
  budget: number
  /** The cheapest configuration that runs anything: one model plus the links it feeds. */
  minimumBudget: number
  /** Cost of what is loaded now (models loaded or loading, plus links in use). */
  used: number
  /** The active set and the accuracy the selector expects of it. */
  active: string[]
  expectedAccuracy: number
  models: RuntimeModel[]
  frames: number
  /** Re-profiling rounds done. */
  rounds: number
  error: string | null
}

export interface RuntimeOutput {
  output: ModelOutput
  origin: 'exact' | 'predicted' | 'prior'
  expected: number
  sources: string[]
}

export interface RuntimeFrame {
  cameraId: string
  seq: number
  capturedAt: string
  outputs: Record<string, RuntimeOutput>
  ms: number
}

export interface SelectionRecord {
  at: string
  budget: number
  costType: RuntimeCostType
  selector: string
  active: string[]
  expectedAccuracy: number
  details: Record<string, unknown>
}

export interface AccuracySample {
  at: string
  modelId: string
  accuracy: number
  frames: number
  origin: string
}

/** A profiling run as the Runs page shows it (and exports it). */
export interface RunReport {
  run: ProfileRun
  costType: RuntimeCostType
  costs: { modelId: string; version: string; memoryBytes: number | null; latencyMs: number | null }[]
  matrix: LinkMatrix | null
  /** Accuracy the exact selector expects (test block) at shares of the cost of every model. */
  pareto: { share: number; budget: number; accuracy: number; active: string[] }[]
  /** Why there is no curve, if there is none. */
  paretoNote: string | null
  /** The runtime's selections made with this run's links, and its live accuracy samples since. */
  selections: SelectionRecord[]
  accuracy: AccuracySample[]
}

export interface RuntimeHistory {
  selections: SelectionRecord[]
  accuracy: AccuracySample[]
  events: { at: string; kind: string; modelId: string | null; details: Record<string, unknown> }[]
}

export interface BudgetPreview {
  budget: number
  feasible: boolean
  minimumBudget: number
  active: string[]
  expectedAccuracy: number
  cost: number
}

export interface ApiMethods {
  /** Engine identity and environment: version, TF.js backend, data dir, schema version. */
  'system.info': (p: NoParams) => Promise<SystemInfo>
  /** Read the journal, newest first. */
  'journal.list': (p: ListJournal) => Promise<JournalPage>
  /** Write an operator note into the journal; emits `journal.appended`. */
  'journal.note': (p: AddNote) => Promise<JournalEntry>
  /** Every model the console knows (zoo and user models) with its process status and latest cost. */
  'models.list': (p: NoParams) => Promise<{ models: ModelSummary[] }>
  /** Starts the model's process; resolves when it is ready. Emits `models.changed`. */
  'models.load': (p: ModelRef) => Promise<ModelSummary>
  /** Stops the model's process (ask, wait, kill), giving its memory back. */
  'models.unload': (p: ModelRef) => Promise<ModelSummary>
  /** Runs a loaded model on one frame of a video. */
  'models.infer': (p: InferParams) => Promise<InferResult>
  /** Adds a user model after checking what can be checked without running it. */
  'models.register': (p: RegisterModel) => Promise<ModelSummary>
  /** Unloads and forgets a user model (zoo models stay). */
  'models.remove': (p: ModelRef) => Promise<{ removed: string }>
  /** Switches a model on or off for the runtime's selection. */
  'models.setEnabled': (p: ModelRef & { enabled: boolean }) => Promise<ModelSummary>
  /** Opens the source, reads one frame, reports codec and resolution; attaches nothing. */
  'cameras.probe': (p: ProbeSettings) => Promise<ProbeResult>
  /** Probes, then attaches and starts the camera; nothing is kept when the probe fails. */
  'cameras.attach': (p: CameraSettings) => Promise<Camera>
  'cameras.detach': (p: { cameraId: string }) => Promise<{ detached: string }>
  'cameras.list': (p: NoParams) => Promise<{ cameras: Camera[] }>
  /** The latest frame as a JPEG. */
  'cameras.snapshot': (p: { cameraId: string }) => Promise<Snapshot>
  /** Starts a profiling run in the background; follow it with `profiles.progress` events. */
  'profiles.start': (p: StartProfile) => Promise<ProfileRun>
  'profiles.cancel': (p: { runId: number }) => Promise<ProfileRun>
  /** Newest first. */
  'profiles.list': (p: { limit?: number }) => Promise<{ runs: ProfileRun[] }>
  'profiles.get': (p: { runId: number }) => Promise<ProfileRun>
  /** Trains every pairwise link of a finished profiling run in a trainer process; follow `links.progress`. */
  'links.train': (p: TrainLinks) => Promise<{ runId: number; status: 'training' }>
  'links.cancel': (p: { runId: number }) => Promise<{ runId: number; status: 'cancelling' }>
  'links.matrix': (p: { runId: number }) => Promise<LinkMatrix>
  /** Starts the data-fraction study (links trained on 1, 5, 10, 20, 48% of the training frames) in a trainer process. */
  'links.studyFractions': (p: { runId: number }) => Promise<FractionStudy>
  /** Predicts every target not given (vector and sequence), from the given outputs, with the run's stored links. */
  'links.predict': (p: PredictLinks) => Promise<LinkPredictions>
  /** Measures memory and latency (p50/p95 after warm-up) and stores them; loads the model if needed. */
  'models.profileCost': (p: ProfileCostParams) => Promise<CostReport>
  /** Starts running a camera under a budget: selects, loads the active models, predicts the others. */
  'runtime.start': (p: StartRuntime) => Promise<RuntimeState>
  'runtime.stop': (p: Record<string, never>) => Promise<RuntimeState>
  'runtime.state': (p: Record<string, never>) => Promise<RuntimeState>
  /** Applies a new budget now: re-selects, unloads first, then loads. Refuses one below the minimum. */
  'runtime.setBudget': (p: { budget: number }) => Promise<RuntimeState>
  /** What a budget would choose and expect, without applying it. */
  'runtime.preview': (p: { budget: number }) => Promise<BudgetPreview>
  /** Selections, live accuracy samples and runtime events, oldest first, optionally within [since, until] and for one camera. */
  'runtime.history': (p: { since?: string; until?: string; cameraId?: string }) => Promise<RuntimeHistory>
  /** A run with its costs, link matrix, accuracy-vs-budget curve and the runtime's use of its links. */
  'profiles.report': (p: { runId: number; costType?: RuntimeCostType }) => Promise<RunReport>
}

/** Every event the engine publishes, by topic. */
export interface ApiEvents {
  'journal.appended': JournalEntry
  /** Every few seconds while the engine runs. */
  'system.heartbeat': Heartbeat
  /** A camera's state or counters changed (at most about once a second per camera for counters). */
  'cameras.changed': Camera
  /** A camera was detached. */
  'cameras.removed': { cameraId: string }
  /** A profiling run advanced (at most a few times a second). */
  'profiles.progress': ProfileProgress
  /** A profiling run started, ended, failed or was cancelled. */
  'profiles.changed': ProfileRun
  /** Link training advanced (about ten times a second at most). */
  'links.progress': TrainingProgress & { runId: number }
  /** Link training ended. */
  'links.trained': LinksTrained
  /** A data-fraction study advanced (one share done) or ended. */
  'links.fractions': FractionStudy
  /** A model's status or cost changed. */
  'models.changed': ModelSummary
  /** The runtime's activation state changed (selection, load, unload, crash, budget). */
  'runtime.state': RuntimeState
  /** One processed frame: every model's output, exact or predicted. */
  'runtime.frame': RuntimeFrame
}

export type MethodName = keyof ApiMethods
export type ParamsOf<M extends MethodName> = Parameters<ApiMethods[M]>[0]
export type ResultOf<M extends MethodName> = Awaited<ReturnType<ApiMethods[M]>>
export type EventName = keyof ApiEvents
export type PayloadOf<E extends EventName> = ApiEvents[E]
