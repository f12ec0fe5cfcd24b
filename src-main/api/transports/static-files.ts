// Serves the built renderer: files under one folder, index.html for client-side routes.
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { extname, join, normalize, sep } from 'node:path'

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm'
}

export async function serveStatic(root: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD' }).end()
    return
  }
  const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)
  const candidate = normalize(join(root, pathname))
  if (candidate !== root && !candidate.startsWith(root.endsWith(sep) ? root : root + sep)) {
    res.writeHead(403).end()
    return
  }
  const file = (await isFile(candidate)) ? candidate : join(root, 'index.html')
  if (!(await isFile(file))) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' })
    res.end('The console UI is not built. Run `npm run build` first.')
    return
  }
  const type = contentTypes[extname(file)] ?? 'application/octet-stream'
  // Hashed assets never change; index.html must be re-read after an upgrade.
  const cache = file.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache'
  res.writeHead(200, { 'content-type': type, 'cache-control': cache, 'x-content-type-options': 'nosniff' })
  if (req.method === 'HEAD') res.end()
  else createReadStream(file).pipe(res)
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile()
  } catch {
    return false
  }
}
