import type { SourceKind } from './source-kind'
import { checkUrl } from './urls'

const SCHEMES = ['rtsp', 'rtsps', 'rtmp', 'rtmps', 'http', 'https', 'srt'] as const

/** Network video: RTSP (over TCP where the camera offers it, else UDP), RTMP, HLS or HTTP video, SRT. */
export const streamKind: SourceKind = {
  kind: 'stream',
  mode: 'stream',
  check: async (location) => checkUrl(location, SCHEMES, 'video stream'),
  input: (s) => (s.location.startsWith('rtsp') ? ['-rtsp_transport', 'tcp+udp', '-i', s.location] : ['-i', s.location]),
  finite: () => false
}
