/** The decoded frame size when a camera, profiling run or call does not ask for another. */
export const DEFAULT_FRAME_SIZE = { width: 480, height: 270 } as const

/** One decoded frame, as every model of a camera sees it (aligned: same size, same instant). */
export interface Frame {
  /** Camera id, or the video path for a file decoded outside a camera. */
  source: string
  /** 0-based sequence number within the source. */
  seq: number
  /** ISO capture time. */
  capturedAt: string
  width: number
  height: number
  /** Packed RGB, 3 bytes per pixel, row-major: width * height * 3 bytes. */
  rgb: Uint8Array
}
