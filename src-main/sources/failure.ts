// Reads ffmpeg's last words: a fault that retrying cannot fix (bad credentials, not a video,
// missing file) ends in 'error'; anything else (refused, timed out, dropped) is retried.

// The server's own words for refused credentials (a bare "401" also occurs in addresses and ids).
const CREDENTIALS = /\b401 Unauthorized|\b403 Forbidden|authorization failed/i

const PERMANENT = [
  CREDENTIALS,
  /Invalid data found when processing input/i,
  /No such file or directory/i,
  /Protocol not found|Unsupported protocol/i,
  /Cannot open video device|No such device/i
]

export function isCredentialsFailure(stderr: string): boolean {
  return CREDENTIALS.test(stderr)
}

export function isPermanentFailure(stderr: string): boolean {
  return PERMANENT.some((re) => re.test(stderr))
}

/** The most telling line of ffmpeg's stderr (its last non-empty one), for people. */
export function lastLine(stderr: string): string {
  const lines = stderr.split(/[\r\n]+/).map((l) => l.trim()).filter(Boolean)
  return lines.at(-1) ?? ''
}
