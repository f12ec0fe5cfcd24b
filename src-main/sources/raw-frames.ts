/** Cuts ffmpeg's rawvideo byte stream into whole frames of `frameBytes` each. */
export class RawFrameSplitter {
  private pending: Buffer = Buffer.alloc(0)

  constructor(private readonly frameBytes: number) {}

  push(chunk: Buffer): Uint8Array[] {
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk
    const frames: Uint8Array[] = []
    while (this.pending.length >= this.frameBytes) {
      frames.push(new Uint8Array(this.pending.subarray(0, this.frameBytes)))
      this.pending = this.pending.subarray(this.frameBytes)
    }
    return frames
  }
}
