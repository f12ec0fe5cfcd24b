// How every state the console shows is coloured: good (green), pending (amber), bad (red), neutral.
import type { Activation, CameraState, InstanceState, RunStatus } from '../src-main/api/contract'

export type Tone = 'good' | 'pending' | 'bad' | 'neutral'

/** What the Models page shows while an operator's action on a model is under way. */
export type ModelAction = 'loading' | 'unloading' | 'measuring'

type Shown = CameraState | InstanceState | ModelAction | RunStatus | Activation

export const TONES: Record<Shown, Tone> = {
  // cameras
  live: 'good',
  connecting: 'pending',
  reconnecting: 'pending',
  stalled: 'pending',
  error: 'bad',
  stopped: 'neutral',
  // model processes and actions on them
  ready: 'good',
  busy: 'good',
  starting: 'pending',
  loading: 'pending',
  unloading: 'pending',
  measuring: 'pending',
  stopping: 'pending',
  crashed: 'bad',
  failed: 'bad',
  exited: 'neutral',
  // profiling runs
  done: 'good',
  running: 'pending',
  cancelled: 'neutral',
  interrupted: 'bad',
  // runtime activation
  exact: 'good',
  predicted: 'neutral',
  prior: 'neutral',
  restarting: 'pending'
}

export function toneOf(state: string): Tone {
  return (TONES as Record<string, Tone>)[state] ?? 'neutral'
}
