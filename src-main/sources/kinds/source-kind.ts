import type { CameraKind, CameraSettings } from '../../api/contract'

/** A camera's settings with every default filled in (its name aside). */
export type SourceSettings = Required<Omit<CameraSettings, 'name'>>

/** One adapter per kind of camera: how to check its location and how ffmpeg opens it. */
export interface SourceKind {
  kind: CameraKind
  /** Rejects a location that cannot work (with a SourceError saying why); returns it normalised. */
  check(location: string): Promise<string>
  /** ffmpeg arguments before the output options, `-i` included. */
  input(settings: SourceSettings): string[] | Promise<string[]>
  /** 'stream': one long-running ffmpeg sampled with the fps filter; 'poll': one ffmpeg per frame. */
  mode: 'stream' | 'poll'
  /** The source ends by itself (a file or folder without loop): the end is not a fault. */
  finite(settings: SourceSettings): boolean
}
