import { describe, expect, it } from 'vitest'
import type { Frame } from '../../../src-main/models/frame'
import { reconnectDelayMs } from '../../../src-main/sources/backoff'
import { FrameSlot } from '../../../src-main/sources/frame-slot'
import { redactText, redactUrl } from '../../../src-main/sources/redact'
import { isCredentialsFailure, isPermanentFailure } from '../../../src-main/sources/failure'

const frame = (seq: number): Frame => ({ source: 'cam', seq, capturedAt: '', width: 1, height: 1, rgb: new Uint8Array(3) })

describe('frame slot', () => {
  it('hands each frame to a waiting consumer, and counts frames replaced before they were taken', async () => {
    const slot = new FrameSlot()
    const reader = slot.frames()
    const first = reader.next()
    slot.put(frame(0))
    expect((await first).value?.seq).toBe(0)
    // The consumer is busy: 1 and 2 arrive, 1 is replaced unseen.
    slot.put(frame(1))
    slot.put(frame(2))
    expect((await reader.next()).value?.seq).toBe(2)
    expect(slot.dropped).toBe(1)
    slot.close()
    expect((await reader.next()).done).toBe(true)
  })

  it('does not count drops while nobody reads, and keeps the latest for snapshots', () => {
    const slot = new FrameSlot()
    for (let i = 0; i < 5; i++) slot.put(frame(i))
    expect(slot.dropped).toBe(0)
    expect(slot.latest()?.seq).toBe(4)
  })

  it('stops a waiting consumer on abort', async () => {
    const slot = new FrameSlot()
    const abort = new AbortController()
    const reader = slot.frames(abort.signal)
    const pending = reader.next()
    abort.abort()
    expect((await pending).done).toBe(true)
  })
})

describe('reconnect backoff', () => {
  it('doubles from the base up to the cap, with jitter within +-25%', () => {
    const mid = () => 0.5
    expect([0, 1, 2, 3, 10].map((a) => reconnectDelayMs(a, { baseMs: 1000, maxMs: 8000, random: mid }))).toEqual([1000, 2000, 4000, 8000, 8000])
    expect(reconnectDelayMs(0, { random: () => 0 })).toBe(750)
    expect(reconnectDelayMs(0, { random: () => 1 })).toBe(1250)
  })
})

describe('credential redaction', () => {
  it('hides passwords in URLs and in any text quoting them', () => {
    expect(redactUrl('rtsp://admin:s3cr%40t@10.0.0.5:554/live')).toBe('rtsp://admin:***@10.0.0.5:554/live')
    expect(redactUrl('http://cam.local/mjpeg')).toBe('http://cam.local/mjpeg')
    const url = 'rtsp://admin:s3cr%40t@10.0.0.5/live'
    expect(redactText(`could not open ${url}; auth s3cr@t failed`, url)).toBe('could not open rtsp://admin:***@10.0.0.5/live; auth *** failed')
  })
})

describe('ffmpeg failure reading', () => {
  it('takes refused credentials from the server’s words, not from any 401 in the log', () => {
    expect(isCredentialsFailure('http://cam/x: Server returned 401 Unauthorized (authorization failed)')).toBe(true)
    expect(isCredentialsFailure('[tcp @ 0x55d4401a] Connection to tcp://127.0.0.1:9 failed: Connection refused')).toBe(false)
    expect(isPermanentFailure('rtsp://127.0.0.1:9/live: Connection refused')).toBe(false)
    expect(isPermanentFailure('x.txt: Invalid data found when processing input')).toBe(true)
  })
})
