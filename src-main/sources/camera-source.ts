// One attached camera: keeps an ffmpeg reading it (or polls it), puts sampled frames in its slot,
// and tracks its health: connecting -> live, stalled when frames stop, reconnecting with
// exponential backoff and jitter after a drop, error when retrying cannot help, stopped.
import { spawn, type ChildProcess } from 'node:child_process'
import type { CameraHealth, CameraState } from '../api/contract'
import type { Clock } from '../app/clock'
import { reconnectDelayMs } from './backoff'
import { findFfmpeg } from './ffmpeg'
import { isPermanentFailure, lastLine } from './failure'
import { FrameSlot } from './frame-slot'
import type { SourceKind, SourceSettings } from './kinds/source-kind'
import { RawFrameSplitter } from './raw-frames'
import { redactText } from './redact'

export interface CameraSourceOptions {
  id: string
  settings: SourceSettings
  kind: SourceKind
  clock: Clock
  /** Called on every state change at once, and for counters at most once a second. */
  onHealth(health: CameraHealth, stateChanged: boolean): void
  /** No frame for this long means stalled. Default max(10 s, 3 sampling intervals). */
  stallAfterMs?: number
  /** Reconnect backoff; defaults 1 s doubling to 30 s. */
  reconnectBaseMs?: number
  reconnectMaxMs?: number
}

const FPS_WINDOW = 10

export class CameraSource {
  readonly slot = new FrameSlot()
  private state: CameraState = 'stopped'
  private child: ChildProcess | undefined
  private seq = 0
  private frames = 0
  private recent: number[] = []
  private lastFrameAt: number | null = null
  private lastError: string | null = null
  private reconnectAt: number | null = null
  private reconnects = 0
  private attempt = 0
  private lastEmit = 0
  private stopping = false
  private cancelTimer: (() => void) | undefined
  private stopWatchdog: (() => void) | undefined
  private connectedAt = 0

  constructor(private readonly options: CameraSourceOptions) {}

  health(): CameraHealth {
    return {
      state: this.state,
      measuredFps: this.measuredFps(),
      frames: this.frames,
      dropped: this.slot.dropped,
      lastFrameAt: this.lastFrameAt === null ? null : new Date(this.lastFrameAt).toISOString(),
      lastError: this.lastError,
      reconnectAt: this.reconnectAt === null ? null : new Date(this.reconnectAt).toISOString(),
      reconnects: this.reconnects
    }
  }

  start(): void {
    this.stopping = false
    const interval = 1000 / this.options.settings.fps
    const stallAfter = this.options.stallAfterMs ?? Math.max(10_000, 3 * interval)
    this.stopWatchdog = this.options.clock.setInterval(() => this.watch(stallAfter), Math.min(1000, stallAfter / 4))
    void this.connect()
  }

  async stop(): Promise<void> {
    this.stopping = true
    this.cancelTimer?.()
    this.stopWatchdog?.()
    const child = this.child
    if (child && child.exitCode === null && child.signalCode === null) {
      const gone = new Promise<void>((resolve) => child.once('close', () => resolve()))
      child.kill('SIGKILL')
      await gone
    }
    this.slot.close()
    this.setState('stopped')
  }

  private now(): number {
    return this.options.clock.now().getTime()
  }

  private async connect(): Promise<void> {
    if (this.stopping) return
    this.reconnectAt = null
    this.setState('connecting')
    this.connectedAt = this.now()
    if (this.options.kind.mode === 'poll') return this.poll()
    const { width, height, fps } = this.options.settings
    const args = ['-v', 'error', '-nostdin', ...(await this.options.kind.input(this.options.settings)), '-an', '-vf', `fps=${fps},scale=${width}:${height}`, '-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1']
    this.run(args, (code, stderr) => this.ended(code, stderr))
  }

  /** Starts one ffmpeg; every frame it writes goes to the slot (its stdout is always drained). */
  private run(args: string[], onEnd: (code: number | null, stderr: string) => void): void {
    // stop() may have come while the arguments were being prepared.
    if (this.stopping) return
    const { width, height } = this.options.settings
    const child = spawn(findFfmpeg().path, args, { stdio: ['ignore', 'pipe', 'pipe'] })
    this.child = child
    const splitter = new RawFrameSplitter(width * height * 3)
    let stderr = ''
    child.stdout!.on('data', (chunk: Buffer) => {
      for (const rgb of splitter.push(chunk)) this.deliver(rgb)
    })
    child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)))
    child.once('error', (err) => (stderr += `\n${err.message}`))
    child.once('close', (code) => {
      if (this.child === child) this.child = undefined
      onEnd(code, stderr)
    })
  }

  private deliver(rgb: Uint8Array): void {
    const at = this.now()
    const { width, height } = this.options.settings
    this.slot.put({ source: this.options.id, seq: this.seq++, capturedAt: new Date(at).toISOString(), width, height, rgb })
    this.frames++
    this.lastFrameAt = at
    this.recent = [...this.recent.slice(-(FPS_WINDOW - 1)), at]
    this.attempt = 0
    if (this.state !== 'live') {
      this.lastError = null
      this.setState('live')
    } else this.emit(false)
  }

  private ended(code: number | null, stderr: string): void {
    if (this.stopping) return
    const reason = redactText(lastLine(stderr), this.options.settings.location)
    if (code === 0 && this.options.kind.finite(this.options.settings)) {
      this.lastError = null
      this.setState('stopped')
      return
    }
    if (isPermanentFailure(stderr)) {
      this.lastError = reason || `ffmpeg exited with code ${code}`
      this.setState('error')
      return
    }
    // A stall already said what happened; the killed ffmpeg has nothing better to add.
    if (this.state !== 'stalled') this.lastError = reason || (code === 0 ? 'the stream ended' : `ffmpeg exited with code ${code}`)
    this.scheduleReconnect()
  }

  private scheduleReconnect(): void {
    const delay = reconnectDelayMs(this.attempt++, { baseMs: this.options.reconnectBaseMs, maxMs: this.options.reconnectMaxMs })
    this.reconnectAt = this.now() + delay
    this.reconnects++
    this.setState('reconnecting')
    this.cancelTimer = this.options.clock.setTimeout(() => void this.connect(), delay)
  }

  /** Still images: one ffmpeg per sampling interval. */
  private poll(): void {
    const { width, height, fps } = this.options.settings
    const tick = async (): Promise<void> => {
      if (this.stopping) return
      const args = ['-v', 'error', '-nostdin', ...(await this.options.kind.input(this.options.settings)), '-frames:v', '1', '-vf', `scale=${width}:${height}`, '-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1']
      const before = this.frames
      this.run(args, (code, stderr) => {
        if (this.stopping) return
        if (this.frames > before) {
          this.cancelTimer = this.options.clock.setTimeout(() => void tick(), 1000 / fps)
          return
        }
        this.ended(code === 0 ? 1 : code, stderr || 'no image in the answer')
      })
    }
    void tick()
  }

  /** Frames stopped coming: say so, and make the next connection. */
  private watch(stallAfterMs: number): void {
    if (this.state !== 'live' && this.state !== 'connecting') return
    const since = this.lastFrameAt ?? this.connectedAt
    if (this.now() - since < stallAfterMs) {
      this.emit(false)
      return
    }
    this.lastError = `no frame for ${Math.round((this.now() - since) / 1000)} s`
    this.setState('stalled')
    this.child?.kill('SIGKILL')
  }

  private measuredFps(): number {
    if (this.recent.length < 2 || this.state !== 'live') return 0
    const span = (this.recent.at(-1)! - this.recent[0]!) / 1000
    return span > 0 ? Math.round(((this.recent.length - 1) / span) * 100) / 100 : 0
  }

  private setState(state: CameraState): void {
    const changed = state !== this.state
    this.state = state
    this.emit(changed)
  }

  private emit(stateChanged: boolean): void {
    const now = this.now()
    if (!stateChanged && now - this.lastEmit < 1000) return
    this.lastEmit = now
    this.options.onHealth(this.health(), stateChanged)
  }
}
