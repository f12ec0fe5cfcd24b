// The wire between a model host and its process: our worker over Node IPC, or (command models)
// a translator over line-delimited JSON. The host's lifecycle logic is the same for both.
import { fork, type ChildProcess } from 'node:child_process'
import type { FromWorker, ToWorker } from './protocol'

export interface WorkerChannel {
  readonly pid: number | null
  send(message: ToWorker): void
  onMessage(listener: (message: FromWorker) => void): void
  /** Fires once when the process is gone, for any reason. */
  onExit(listener: (code: number | null, signal: string | null) => void): void
  onSpawnError(listener: (error: Error) => void): void
  kill(signal: NodeJS.Signals): void
}

export type ChannelFactory = () => WorkerChannel

export type LogLine = (level: 'info' | 'warn' | 'error', message: string) => void

/** Pipes a child's stdout/stderr into the log, one line at a time. */
export function pipeLines(child: ChildProcess, stream: 'stdout' | 'stderr', log: LogLine): void {
  let pending = ''
  child[stream]?.on('data', (chunk: Buffer) => {
    pending += chunk.toString()
    const lines = pending.split('\n')
    pending = lines.pop() ?? ''
    for (const line of lines) if (line.trim()) log(stream === 'stderr' ? 'warn' : 'info', line)
  })
}

/** Forks our model worker (out/main/worker.js) with an IPC channel that carries typed arrays. */
export function forkWorker(workerScript: string, log: LogLine): ChannelFactory {
  return () => {
    const child = fork(workerScript, [], { serialization: 'advanced', stdio: ['ignore', 'pipe', 'pipe', 'ipc'] })
    pipeLines(child, 'stdout', log)
    pipeLines(child, 'stderr', log)
    return childChannel(child)
  }
}

export function childChannel(child: ChildProcess): WorkerChannel {
  return {
    pid: child.pid ?? null,
    send(message) {
      if (child.connected) child.send(message)
    },
    onMessage(listener) {
      child.on('message', (m) => listener(m as FromWorker))
    },
    onExit(listener) {
      child.once('exit', (code, signal) => listener(code, signal))
    },
    onSpawnError(listener) {
      child.once('error', listener)
    },
    kill(signal) {
      child.kill(signal)
    }
  }
}
