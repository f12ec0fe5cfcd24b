// The one API contract between the engine and every client (Electron IPC, HTTP/WebSocket, tests).
// Types only: the renderer imports this file with `import type`. Methods are `domain.verb`,
// events are `domain.event`. The router (router.ts) implements it and validates every input.

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

/** Every method: params in, a promise of the result out. */
export interface ApiMethods {
  /** Engine identity and environment: version, TF.js backend, data dir, schema version. */
  'system.info': (p: NoParams) => Promise<SystemInfo>
  /** Read the journal, newest first. */
  'journal.list': (p: ListJournal) => Promise<JournalPage>
  /** Write an operator note into the journal; emits `journal.appended`. */
  'journal.note': (p: AddNote) => Promise<JournalEntry>
}

/** Every event the engine publishes, by topic. */
export interface ApiEvents {
  'journal.appended': JournalEntry
  /** Every few seconds while the engine runs. */
  'system.heartbeat': Heartbeat
}

export type MethodName = keyof ApiMethods
export type ParamsOf<M extends MethodName> = Parameters<ApiMethods[M]>[0]
export type ResultOf<M extends MethodName> = Awaited<ReturnType<ApiMethods[M]>>
export type EventName = keyof ApiEvents
export type PayloadOf<E extends EventName> = ApiEvents[E]
