import type { SourceKind } from './source-kind'
import { checkUrl } from './urls'

/** Motion JPEG over HTTP (multipart/x-mixed-replace), as many IP cameras serve it. */
export const mjpegKind: SourceKind = {
  kind: 'mjpeg',
  mode: 'stream',
  check: async (location) => checkUrl(location, ['http', 'https'], 'MJPEG stream'),
  // Parts carry no timestamps: stamp them on arrival, or the fps filter assumes 25 fps.
  input: (s) => ['-f', 'mpjpeg', '-use_wallclock_as_timestamps', '1', '-i', s.location],
  finite: () => false
}
