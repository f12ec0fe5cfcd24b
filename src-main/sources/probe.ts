// "Test connection": open a source the way its camera would, read one frame, and report the
// codec and resolution ffmpeg saw. Nothing is attached; every failure says why.
import { spawn } from 'node:child_process'
import type { ProbeResult } from '../api/contract'
import { findFfmpeg } from './ffmpeg'
import { isCredentialsFailure, isPermanentFailure, lastLine } from './failure'
import { encodeJpeg, jpegDataUrl } from './jpeg'
import type { SourceKind, SourceSettings } from './kinds/source-kind'
import { RawFrameSplitter } from './raw-frames'
import { redactText, redactUrl } from './redact'
import { SourceError } from './source-error'

/** `Stream #0:0: Video: h264 (High) (avc1 / 0x31637661), yuv420p(progressive), 768x432 [SAR 1:1 DAR 16:9], ...` */
const VIDEO_STREAM = /Stream #\d+:\d+[^:]*: Video: ([a-z0-9_]+)[^\n]*?, (\d{2,5})x(\d{2,5})/

export function parseVideoStream(stderr: string): { codec: string; width: number; height: number } | null {
  const m = VIDEO_STREAM.exec(stderr)
  return m ? { codec: m[1]!, width: Number(m[2]), height: Number(m[3]) } : null
}

export async function probeSource(kind: SourceKind, settings: SourceSettings, timeoutMs = 15_000): Promise<ProbeResult> {
  const started = performance.now()
  const once = { ...settings, pace: 'fast' as const, loop: false }
  const { width, height } = settings
  const args = ['-v', 'info', '-nostdin', ...(await kind.input(once)), '-an', '-frames:v', '1', '-vf', `scale=${width}:${height}`, '-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1']
  const ffmpeg = findFfmpeg()
  const child = spawn(ffmpeg.path, args, { stdio: ['ignore', 'pipe', 'pipe'] })
  const splitter = new RawFrameSplitter(width * height * 3)
  let frame: Uint8Array | undefined
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => {
    frame ??= splitter.push(chunk)[0]
  })
  child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-16_000)))
  let timedOut = false
  const timer = setTimeout(() => {
    timedOut = true
    child.kill('SIGKILL')
  }, timeoutMs)
  await new Promise<void>((resolve) => child.once('close', () => resolve()))
  clearTimeout(timer)

  const where = redactUrl(settings.location)
  if (!frame) {
    if (timedOut) throw new SourceError(`No frame from ${where} within ${timeoutMs / 1000} s: check the address and that the camera is streaming.`)
    // ffmpeg starts its message with the input it failed on; the sentence already names it.
    const reason = redactText(lastLine(stderr), settings.location).replace(`${where}: `, '') || 'ffmpeg read no frame'
    const hint = isCredentialsFailure(stderr)
      ? ' The camera refused the credentials: check the user and password in the URL.'
      : isPermanentFailure(stderr)
        ? ''
        : ' Check that the camera is on and reachable from this machine.'
    throw new SourceError(`Could not read a frame from ${where}: ${reason}.${hint}`)
  }
  const stream = parseVideoStream(stderr)
  // ffmpeg "decodes" any text file as a terminal animation (codec ansi): that is not a camera.
  if (stream?.codec === 'ansi') throw new SourceError(`${where} is text, not video or images: give a video file, stream or image source.`)
  return {
    kind: settings.kind,
    location: where,
    codec: stream?.codec ?? null,
    sourceWidth: stream?.width ?? null,
    sourceHeight: stream?.height ?? null,
    snapshot: jpegDataUrl(await encodeJpeg({ width, height, rgb: frame })),
    ffmpeg: { origin: ffmpeg.origin, version: ffmpeg.version },
    elapsedMs: Math.round(performance.now() - started)
  }
}
