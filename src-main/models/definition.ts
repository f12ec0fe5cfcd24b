// What the console knows about a model before it runs: where it comes from and what its
// output means. Built-in zoo models and user models share this shape.
import type { OutputSpec } from './output-spec'

interface Common {
  /** Stable id, `[a-z0-9-]+`. */
  id: string
  name: string
  description: string
  /** Changes whenever the outputs may change (weights, config): keys the output cache. */
  version: string
  spec: OutputSpec
}

/** A built-in model of the smart-building zoo, run by our worker. */
export interface ZooDefinition extends Common {
  source: 'zoo'
  zooId: string
}

/** A TF.js graph or layers model folder, run by our worker with a chosen pre/post-processing. */
export interface TfjsFolderDefinition extends Common {
  source: 'tfjs'
  /** Folder holding model.json and its weight files. */
  folder: string
  format: 'graph' | 'layers'
  /** Frames are resized to this input size; pixel values scaled to `scale`. */
  input: { width: number; height: number; scale: '0-1' | '-1-1' | '0-255' }
  /** Applied to the model's first output before it is checked against the spec. */
  postprocess: 'none' | 'softmax' | 'sigmoid'
}

/** Any executable speaking line-delimited JSON on stdin/stdout (docs: README, "command models"). */
export interface CommandDefinition extends Common {
  source: 'command'
  command: string
  args: string[]
}

/** A model behind a KServe v2 / Triton inference endpoint. */
export interface RemoteDefinition extends Common {
  source: 'remote'
  /** Base URL of the server, e.g. http://10.0.0.5:8000/ */
  url: string
  /** The model's name on that server. */
  remoteModel: string
}

export type ModelDefinition = ZooDefinition | TfjsFolderDefinition | CommandDefinition | RemoteDefinition

/** The definitions our own worker process can run. */
export type WorkerDefinition = ZooDefinition | TfjsFolderDefinition
