import type { CameraKind } from '../../api/contract'
import { fileKind } from './file'
import { folderKind } from './folder'
import { mjpegKind } from './mjpeg'
import type { SourceKind } from './source-kind'
import { stillKind } from './still'
import { streamKind } from './stream'
import { v4l2Kind } from './v4l2'

export const sourceKinds: Record<CameraKind, SourceKind> = {
  file: fileKind,
  stream: streamKind,
  mjpeg: mjpegKind,
  still: stillKind,
  v4l2: v4l2Kind,
  folder: folderKind
}
