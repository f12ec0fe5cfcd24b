// Encodes one RGB frame as a JPEG with ffmpeg (snapshots, probe previews).
import { spawn } from 'node:child_process'
import type { Frame } from '../models/frame'
import { findFfmpeg } from './ffmpeg'

export async function encodeJpeg(frame: Pick<Frame, 'width' | 'height' | 'rgb'>, quality = 5): Promise<Buffer> {
  const args = ['-v', 'error', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-s', `${frame.width}x${frame.height}`, '-i', 'pipe:0', '-frames:v', '1', '-c:v', 'mjpeg', '-q:v', String(quality), '-f', 'image2', 'pipe:1']
  const child = spawn(findFfmpeg().path, args, { stdio: ['pipe', 'pipe', 'pipe'] })
  const chunks: Buffer[] = []
  let stderr = ''
  child.stdout.on('data', (d: Buffer) => chunks.push(d))
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
  child.stdin.end(Buffer.from(frame.rgb.buffer, frame.rgb.byteOffset, frame.rgb.byteLength))
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve))
  if (code !== 0) throw new Error(`ffmpeg could not encode a JPEG: ${stderr.trim()}`)
  return Buffer.concat(chunks)
}

export function jpegDataUrl(jpeg: Buffer): string {
  return `data:image/jpeg;base64,${jpeg.toString('base64')}`
}
