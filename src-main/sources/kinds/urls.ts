import { SourceError } from '../source-error'

/** Parses a URL and checks its scheme against what this kind of camera speaks. */
export function checkUrl(location: string, schemes: readonly string[], what: string): string {
  let url: URL
  try {
    url = new URL(location)
  } catch {
    throw new SourceError(`'${location.replace(/\/\/[^@/]*@/, '//***@')}' is not a URL: a ${what} URL looks like ${schemes[0]}://host/path (${schemes.join(', ')}).`)
  }
  const scheme = url.protocol.replace(/:$/, '')
  if (!schemes.includes(scheme)) {
    throw new SourceError(`The ${scheme}:// scheme is not supported for a ${what}: use ${schemes.map((s) => `${s}://`).join(', ')}.`)
  }
  if (!url.hostname) throw new SourceError(`The URL has no host: a ${what} is given as ${schemes[0]}://host/...`)
  return location
}
