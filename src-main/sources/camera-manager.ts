// Attached cameras: attach = check, probe, persist, start (nothing half-attached on failure);
// detach; health persisted and published; every camera re-attached when the engine starts.
import { randomBytes } from 'node:crypto'
import type { Camera, CameraHealth, CameraSettings, ProbeResult, ProbeSettings, Snapshot } from '../api/contract'
import { ApiError } from '../api/errors'
import type { EventBus } from '../api/event-bus'
import type { Clock } from '../app/clock'
import type { Journal } from '../journal/journal'
import { DEFAULT_FRAME_SIZE, type Frame } from '../models/frame'
import type { CameraRecord, CamerasRepo } from '../store/cameras-repo'
import { CameraSource } from './camera-source'
import { encodeJpeg, jpegDataUrl } from './jpeg'
import { sourceKinds } from './kinds'
import type { SourceSettings } from './kinds/source-kind'
import { probeSource } from './probe'
import { redactUrl } from './redact'

export interface CameraManagerOptions {
  repo: CamerasRepo
  bus: EventBus
  journal: Journal
  clock: Clock
  /** Passed to every camera source (tests shorten backoff and stall times). */
  sourceTuning?: { stallAfterMs?: number; reconnectBaseMs?: number; reconnectMaxMs?: number }
}

interface Attached {
  record: CameraRecord
  source: CameraSource
}

export class CameraManager {
  private readonly cameras = new Map<string, Attached>()

  constructor(private readonly options: CameraManagerOptions) {}

  /** Re-attaches every persisted camera (no probe: a camera that is down reconnects on its own). */
  restore(): void {
    for (const record of this.options.repo.all()) this.run(record)
  }

  list(): Camera[] {
    return [...this.cameras.values()].map((c) => this.view(c))
  }

  async probe(settings: ProbeSettings): Promise<ProbeResult> {
    return probeSource(sourceKinds[settings.kind], await this.resolve(settings))
  }

  async attach(settings: CameraSettings): Promise<Camera> {
    const resolved = await this.resolve(settings)
    if ([...this.cameras.values()].some((c) => c.record.name === settings.name)) {
      throw new ApiError('conflict', `A camera named '${settings.name}' is already attached: choose another name.`)
    }
    await probeSource(sourceKinds[settings.kind], resolved)
    const record: CameraRecord = { id: this.newId(settings.name), name: settings.name, createdAt: this.options.clock.now().toISOString(), ...resolved }
    this.options.repo.insert(record)
    const attached = this.run(record)
    this.options.journal.info('cameras', `${record.name} attached (${record.kind} ${redactUrl(record.location)})`, { cameraId: record.id })
    return this.view(attached)
  }

  async detach(cameraId: string): Promise<void> {
    const attached = this.get(cameraId)
    await attached.source.stop()
    this.cameras.delete(cameraId)
    this.options.repo.remove(cameraId)
    this.options.bus.publish('cameras.removed', { cameraId })
    this.options.journal.info('cameras', `${attached.record.name} detached`, { cameraId })
  }

  async snapshot(cameraId: string): Promise<Snapshot> {
    const frame = this.get(cameraId).source.slot.latest()
    if (!frame) throw new ApiError('unavailable', `Camera '${cameraId}' has not delivered a frame yet.`)
    return { cameraId, seq: frame.seq, capturedAt: frame.capturedAt, width: frame.width, height: frame.height, jpeg: jpegDataUrl(await encodeJpeg(frame)) }
  }

  /** Each new frame of a camera once; frames a slow loop misses are dropped and counted. */
  frames(cameraId: string, signal?: AbortSignal): AsyncGenerator<Frame> {
    return this.get(cameraId).source.slot.frames(signal)
  }

  async close(): Promise<void> {
    await Promise.all([...this.cameras.values()].map((c) => c.source.stop()))
    this.cameras.clear()
  }

  private get(cameraId: string): Attached {
    const attached = this.cameras.get(cameraId)
    if (!attached) throw new ApiError('not_found', `No camera '${cameraId}'. Attached: ${[...this.cameras.keys()].join(', ') || 'none'}.`)
    return attached
  }

  private async resolve(settings: ProbeSettings): Promise<SourceSettings> {
    const kind = sourceKinds[settings.kind]
    return {
      kind: settings.kind,
      location: await kind.check(settings.location),
      fps: settings.fps ?? 1,
      width: settings.width ?? DEFAULT_FRAME_SIZE.width,
      height: settings.height ?? DEFAULT_FRAME_SIZE.height,
      pace: settings.pace ?? 'realtime',
      loop: settings.loop ?? false
    }
  }

  private run(record: CameraRecord): Attached {
    const source = new CameraSource({
      id: record.id,
      settings: record,
      kind: sourceKinds[record.kind],
      clock: this.options.clock,
      ...this.options.sourceTuning,
      onHealth: (health, stateChanged) => this.healthChanged(record, health, stateChanged)
    })
    const attached = { record, source }
    this.cameras.set(record.id, attached)
    source.start()
    return attached
  }

  private healthChanged(record: CameraRecord, health: CameraHealth, stateChanged: boolean): void {
    if (!this.cameras.has(record.id)) return
    if (stateChanged) {
      this.options.repo.saveHealth(record.id, health)
      if (health.state === 'error' || health.state === 'reconnecting' || health.state === 'stalled') {
        this.options.journal.record(health.state === 'error' ? 'error' : 'warn', 'cameras', `${record.name} ${health.state}: ${health.lastError ?? ''}`, { cameraId: record.id })
      }
    }
    this.options.bus.publish('cameras.changed', { ...this.view(this.cameras.get(record.id)!), health })
  }

  private view({ record, source }: Attached): Camera {
    const { location, ...rest } = record
    return { ...rest, location: redactUrl(location), health: source.health() }
  }

  private newId(name: string): string {
    const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'camera'
    return `${slug}-${randomBytes(3).toString('hex')}`
  }
}
