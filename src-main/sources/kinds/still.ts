import type { SourceKind } from './source-kind'
import { checkUrl } from './urls'

/** A still-image URL (a camera's snapshot.jpg), fetched once per sampling interval. */
export const stillKind: SourceKind = {
  kind: 'still',
  mode: 'poll',
  check: async (location) => checkUrl(location, ['http', 'https'], 'still-image URL'),
  // image2pipe probes the bytes (JPEG, PNG...) instead of trusting headers many cameras omit.
  input: (s) => ['-f', 'image2pipe', '-i', s.location],
  finite: () => false
}
