// Decodes a video file (or anything ffmpeg reads) into aligned RGB frames of one size.
import { spawn } from 'node:child_process'
import type { Frame } from '../models/frame'
import { findFfmpeg } from './ffmpeg'
import { RawFrameSplitter } from './raw-frames'

export interface DecodeOptions {
  width: number
  height: number
  /** Stop after this many frames (after `every` thinning). */
  maxFrames?: number
  /** Keep one frame out of every N. Default 1. */
  every?: number
  /** Start at this 0-based frame of the file. Default 0. */
  start?: number
  signal?: AbortSignal
}

export class DecodeError extends Error {
  override readonly name = 'DecodeError'
}

/** Yields frames as ffmpeg decodes them; `seq` is the frame's index in the file. */
export async function* decodeVideo(file: string, options: DecodeOptions): AsyncGenerator<Frame> {
  const { width, height } = options
  const every = options.every ?? 1
  const start = options.start ?? 0
  const filters = [`select='gte(n\\,${start})*not(mod(n-${start}\\,${every}))'`, `scale=${width}:${height}`]
  const args = ['-v', 'error', '-nostdin', '-i', file, '-vf', filters.join(','), '-vsync', '0']
  if (options.maxFrames !== undefined) args.push('-frames:v', String(options.maxFrames))
  args.push('-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1')
  const child = spawn(findFfmpeg().path, args, { stdio: ['ignore', 'pipe', 'pipe'] })
  let stderr = ''
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)))
  const abort = (): void => void child.kill('SIGKILL')
  options.signal?.addEventListener('abort', abort, { once: true })

  const splitter = new RawFrameSplitter(width * height * 3)
  let index = 0
  try {
    // Pulling from stdout lets ffmpeg wait for a slow consumer: a file loses no frame.
    for await (const chunk of child.stdout) {
      for (const rgb of splitter.push(chunk as Buffer)) {
        yield { source: file, seq: start + index * every, capturedAt: new Date().toISOString(), width, height, rgb }
        index++
      }
    }
    const code = await exited
    if (code !== 0 && !options.signal?.aborted) {
      throw new DecodeError(`ffmpeg could not decode ${file}: ${stderr.trim().split('\n').at(-1) ?? `exit code ${code}`}`)
    }
  } finally {
    options.signal?.removeEventListener('abort', abort)
    if (child.exitCode === null) child.kill('SIGKILL')
  }
}

/** All frames at once (for tests, cost probes and short clips). */
export async function readFrames(file: string, options: DecodeOptions): Promise<Frame[]> {
  const frames: Frame[] = []
  for await (const frame of decodeVideo(file, options)) frames.push(frame)
  return frames
}
