import type { SourceKind } from './source-kind'
import { checkUrl } from './urls'

/** Motion JPEG over HTTP (multipart/x-mixed-replace), as many IP cameras serve it. */
export const mjpegKind: SourceKind = {
  kind: 'mjpeg',
  mode: 'stream',
  check: async (location) => checkUrl(location, ['http', 'https'], 'MJPEG stream'),
  input: (s) => ['-f', 'mpjpeg', '-i', s.location],
  finite: () => false
}
