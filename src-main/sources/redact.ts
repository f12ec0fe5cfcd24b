// Credentials in camera URLs never reach logs, the journal or the renderer in clear.

/** `rtsp://user:secret@host/x` -> `rtsp://user:***@host/x`; anything else unchanged. */
export function redactUrl(location: string): string {
  return location.replace(/^([a-z][a-z0-9+.-]*:\/\/)([^/@\s:]+)(?::[^/@\s]*)?@/i, (_, scheme: string, user: string) => `${scheme}${user}:***@`)
}

/** Removes every occurrence of the URL's password (raw and URL-encoded) from a text, e.g. ffmpeg's stderr. */
export function redactText(text: string, location: string): string {
  let out = text
  try {
    const url = new URL(location)
    if (url.password) {
      for (const secret of new Set([url.password, decodeURIComponent(url.password)])) out = out.split(secret).join('***')
    }
  } catch {
    // not a URL: nothing secret in it
  }
  return out.replace(/([a-z][a-z0-9+.-]*:\/\/[^/@\s:]+):[^/@\s]*@/gi, '$1:***@')
}
