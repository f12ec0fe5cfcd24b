// A command model as a WorkerChannel: translates the worker protocol (load, call, cancel,
// shutdown) into the command line protocol (command-lines.ts), so ModelProcessHost gives command
// models the same states, timeouts, crash detection, restarts and stop as our own worker.
// Frames go one line at a time, each after the previous answer, so the latency measured here is
// the program's own and a program never has to juggle concurrent frames.
import { spawn, type ChildProcess } from 'node:child_process'
import { createInterface } from 'node:readline'
import type { ChannelFactory, LogLine, WorkerChannel } from '../channel'
import type { CommandDefinition } from '../definition'
import { checkOutput } from '../output-spec'
import type { FromWorker, InferredOutput, ToWorker, WireError, WorkerCall } from '../protocol'
import { inferLine, parseReply, resultOutput, SHUTDOWN_LINE, type CommandReply } from './command-lines'
import { processMemory } from '../cost-probe'

/** Starts `def.command` with `def.args` (no shell) each time the host (re)starts the model. */
export function spawnCommand(def: CommandDefinition, log: LogLine): ChannelFactory {
  return () => new CommandChannel(def, log)
}

type FrameCall = { id: number } & Extract<WorkerCall, { op: 'infer' | 'cost' }>

interface Running {
  call: FrameCall
  /** Index of the frame on the wire. */
  index: number
  /** Line id of that frame; answers naming any other id are stale. */
  lineId: number
  sentAt: number
  outputs: InferredOutput[]
  latenciesMs: number[]
}

/** Log lines kept to explain a program that dies before it is ready. */
const TAIL_LINES = 8
/** How long to wait for the pipes to drain after the process exited (a grandchild may hold them). */
const DRAIN_MS = 500

class CommandChannel implements WorkerChannel {
  readonly pid: number | null
  private readonly child: ChildProcess
  private readonly messageListeners: ((m: FromWorker) => void)[] = []
  private readonly exitListeners: ((code: number | null, signal: string | null) => void)[] = []
  private readonly spawnErrorListeners: ((e: Error) => void)[] = []
  private exit: { code: number | null; signal: string | null } | undefined
  private readonly startedAt = performance.now()
  private programReady = false
  private loadRequested = false
  private readySent = false
  private failedSent = false
  private spawnFailed = false
  private killedByHost = false
  private shuttingDown = false
  private readonly queue: FrameCall[] = []
  private running: Running | undefined
  private nextLineId = 1
  private readonly tail: string[] = []

  constructor(
    private readonly def: CommandDefinition,
    private readonly log: LogLine
  ) {
    this.child = spawn(def.command, def.args, { shell: false, stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true })
    this.pid = this.child.pid ?? null
    // A program that dies mid-write must not take the console down with an EPIPE.
    this.child.stdin?.on('error', () => undefined)
    if (this.child.stdout) createInterface({ input: this.child.stdout, crlfDelay: Infinity }).on('line', (l) => this.stdoutLine(l))
    if (this.child.stderr) createInterface({ input: this.child.stderr, crlfDelay: Infinity }).on('line', (l) => this.logLine('warn', l))
    this.child.once('error', (err) => {
      this.spawnFailed = true
      const error = new Error(`could not run '${def.command}': ${err.message}. Check the command path and that it is executable.`)
      for (const l of this.spawnErrorListeners) l(error)
    })
    let drainTimer: ReturnType<typeof setTimeout> | undefined
    const gone = (code: number | null, signal: string | null): void => {
      clearTimeout(drainTimer)
      this.exited(code, signal)
    }
    this.child.once('close', gone)
    this.child.once('exit', (code, signal) => (drainTimer = setTimeout(() => gone(code, signal), DRAIN_MS)))
  }

  send(message: ToWorker): void {
    switch (message.type) {
      case 'load':
        this.loadRequested = true
        this.announceReady()
        break
      case 'call':
        if (message.op === 'health') void this.health(message.id)
        else {
          this.queue.push(message)
          this.next()
        }
        break
      case 'cancel':
        this.cancel(message.id)
        break
      case 'shutdown':
        this.shuttingDown = true
        this.write(SHUTDOWN_LINE)
        this.child.stdin?.end()
        break
    }
  }

  onMessage(listener: (m: FromWorker) => void): void {
    this.messageListeners.push(listener)
  }

  onExit(listener: (code: number | null, signal: string | null) => void): void {
    const exit = this.exit
    if (exit) queueMicrotask(() => listener(exit.code, exit.signal))
    else this.exitListeners.push(listener)
  }

  onSpawnError(listener: (e: Error) => void): void {
    this.spawnErrorListeners.push(listener)
  }

  kill(signal: NodeJS.Signals): void {
    this.killedByHost = true
    this.child.kill(signal)
  }

  private emit(message: FromWorker): void {
    for (const l of this.messageListeners) l(message)
  }

  private logLine(level: 'info' | 'warn', line: string): void {
    if (!line.trim()) return
    this.tail.push(line)
    if (this.tail.length > TAIL_LINES) this.tail.shift()
    this.log(level, line)
  }

  private write(line: string): void {
    const stdin = this.child.stdin
    if (stdin && stdin.writable) stdin.write(line)
  }

  private stdoutLine(line: string): void {
    const parsed = parseReply(line)
    if (parsed === null) return this.logLine('info', line)
    if ('malformed' in parsed) {
      this.log('warn', `malformed protocol line (${parsed.malformed}): ${line.slice(0, 200)}`)
      if (parsed.id !== null && this.running?.lineId === parsed.id) {
        this.fail({ code: 'bad_message', message: `${this.frameName()} was answered with a malformed line: ${parsed.malformed}` })
      }
      return
    }
    this.reply(parsed.reply)
  }

  private reply(reply: CommandReply): void {
    if (reply.type === 'ready') {
      if (this.programReady) this.log('warn', 'ignored a second {"type":"ready"} line')
      this.programReady = true
      this.announceReady()
      return
    }
    if (reply.type === 'error' && reply.id === undefined) {
      // Only an error can lack an id: before ready it means the model cannot load.
      if (!this.programReady) this.loadFailed(`reported before it was ready: ${reply.message}`)
      else this.log('error', reply.message)
      return
    }
    const running = this.running
    if (!running || running.lineId !== reply.id) {
      this.log('warn', `ignored an answer for frame id ${reply.id}, which is not awaited (cancelled or never sent)`)
      return
    }
    if (reply.type === 'error') return this.fail({ code: 'infer_failed', message: `${this.frameName()} failed: ${reply.message}` })
    this.answered(running, reply)
  }

  private answered(running: Running, reply: Extract<CommandReply, { type: 'result' }>): void {
    const latencyMs = performance.now() - running.sentAt
    if (running.call.op === 'infer') {
      let output
      try {
        output = resultOutput(this.def.spec, reply)
        checkOutput(this.def.spec, output)
      } catch (err) {
        const why = err instanceof Error ? err.message : String(err)
        return this.fail({ code: 'output_mismatch', message: `the output of ${this.frameName()} does not match the declared spec: ${why}` })
      }
      running.outputs.push({ output, raw: reply.raw ?? null, inferMs: latencyMs })
    } else if (running.index >= running.call.warmup) {
      running.latenciesMs.push(latencyMs)
    }
    running.index++
    if (running.index < running.call.frames.length) return this.sendFrame(running)
    this.running = undefined
    const value =
      running.call.op === 'infer'
        ? { op: 'infer' as const, outputs: running.outputs }
        : { op: 'cost' as const, sample: { weightsBytes: 0, peakTensorBytes: 0, latenciesMs: running.latenciesMs } }
    this.emit({ type: 'result', id: running.call.id, ok: true, value })
    this.next()
  }

  private next(): void {
    if (this.running) return
    const call = this.queue.shift()
    if (!call) return
    if (!this.programReady) {
      this.emit({ type: 'result', id: call.id, ok: false, error: { code: 'bad_message', message: 'the command is not ready yet' } })
      return this.next()
    }
    if (call.op === 'infer' && call.frames.length === 0) {
      this.emit({ type: 'result', id: call.id, ok: true, value: { op: 'infer', outputs: [] } })
      return this.next()
    }
    if (call.op === 'cost' && call.frames.length === 0) {
      this.emit({ type: 'result', id: call.id, ok: true, value: { op: 'cost', sample: { weightsBytes: 0, peakTensorBytes: 0, latenciesMs: [] } } })
      return this.next()
    }
    const running: Running = { call, index: 0, lineId: 0, sentAt: 0, outputs: [], latenciesMs: [] }
    this.running = running
    this.sendFrame(running)
  }

  private sendFrame(running: Running): void {
    const frame = running.call.frames[running.index]
    if (!frame) return
    running.lineId = this.nextLineId++
    running.sentAt = performance.now()
    this.write(inferLine(running.lineId, frame))
  }

  /** Fails the running call; the program keeps running and takes the next one. */
  private fail(error: WireError): void {
    const running = this.running
    if (!running) return
    this.running = undefined
    this.emit({ type: 'result', id: running.call.id, ok: false, error })
    this.next()
  }

  private frameName(): string {
    const r = this.running
    return r ? `frame ${r.index + 1} of ${r.call.frames.length} (line id ${r.lineId})` : 'a frame'
  }

  private cancel(id: number): void {
    const queued = this.queue.findIndex((c) => c.id === id)
    if (queued >= 0) this.queue.splice(queued, 1)
    // The program still finishes the frame on the wire; its late answer is ignored as stale.
    if (this.running?.call.id === id) this.running = undefined
    this.emit({ type: 'result', id, ok: false, error: { code: 'cancelled', message: 'cancelled by the caller' } })
    this.next()
  }

  private async health(id: number): Promise<void> {
    const rssBytes = this.pid === null ? 0 : (processMemory(this.pid)?.rssBytes ?? 0)
    this.emit({ type: 'result', id, ok: true, value: { op: 'health', rssBytes, tensorBytes: 0, tensors: 0 } })
  }

  private announceReady(): void {
    if (!this.loadRequested || !this.programReady || this.readySent || this.failedSent) return
    this.readySent = true
    const backend = { name: 'external' as const, gpu: false, passedOver: [] }
    this.emit({ type: 'ready', backend, weightsBytes: 0, loadMs: Math.round(performance.now() - this.startedAt) })
  }

  /** The host does not kill a failed model's process, so a failed load ends it here. */
  private loadFailed(message: string): void {
    if (this.failedSent || this.readySent) return
    this.failedSent = true
    this.emit({ type: 'failed', error: { code: 'load_failed', message } })
    if (this.exit) return
    this.child.stdin?.end()
    this.child.kill('SIGKILL')
  }

  private exited(code: number | null, signal: string | null): void {
    if (this.exit) return
    // Exiting on its own before ready is a load failure, not a crash to restart.
    if (!this.spawnFailed && !this.killedByHost && !this.shuttingDown && !this.readySent) {
      const lastLines = this.tail.length ? `; its last output: ${this.tail.join(' | ')}` : '; it printed nothing'
      const command = [this.def.command, ...this.def.args].join(' ')
      this.loadFailed(`its command exited (code ${code}, signal ${signal}) before printing {"type":"ready"}${lastLines}. Run '${command}' in a terminal to see why`)
    }
    this.exit = { code, signal }
    this.queue.length = 0
    this.running = undefined
    for (const l of this.exitListeners.splice(0)) l(code, signal)
  }
}
