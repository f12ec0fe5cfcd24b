// Node's fetch cannot read file:// URLs, and model loaders fetch their weights: let this worker
// process read local model folders through fetch, with no server.
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'

export function allowFileFetch(): void {
  const networkFetch = globalThis.fetch
  globalThis.fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url
    if (!url.startsWith('file:')) return networkFetch(input, init)
    try {
      const body = await readFile(fileURLToPath(url))
      const type = url.endsWith('.json') ? 'application/json' : 'application/octet-stream'
      return new Response(body, { status: 200, headers: { 'content-type': type } })
    } catch {
      return new Response(`not found: ${url}`, { status: 404 })
    }
  }
}
