// A small MJPEG camera on 127.0.0.1: multipart/x-mixed-replace JPEG parts at a steady rate,
// optionally behind HTTP basic auth, and a still snapshot at /snapshot.jpg.
import { createServer, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'

export interface MjpegCamera {
  url: (path?: string) => string
  port: number
  /** Cuts every connection and stops listening (the camera "goes down"). */
  cut(): Promise<void>
  /** Listens again on the same port. */
  resume(): Promise<void>
  close(): Promise<void>
}

const BOUNDARY = 'mlinkframe'

export async function startMjpegCamera(jpegs: Buffer[], options: { fps?: number; credentials?: { user: string; password: string } } = {}): Promise<MjpegCamera> {
  const interval = 1000 / (options.fps ?? 10)
  const sockets = new Set<Socket>()
  const streams = new Set<ServerResponse>()
  let next = 0
  const authorized = (header: string | undefined): boolean => {
    if (!options.credentials) return true
    const expected = Buffer.from(`${options.credentials.user}:${options.credentials.password}`).toString('base64')
    return header === `Basic ${expected}`
  }
  const makeServer = (): Server =>
    createServer((req, res) => {
      if (!authorized(req.headers.authorization)) {
        res.writeHead(401, { 'www-authenticate': 'Basic realm="camera"' }).end('unauthorized')
        return
      }
      if (req.url === '/snapshot.jpg') {
        res.writeHead(200, { 'content-type': 'image/jpeg' }).end(jpegs[next++ % jpegs.length])
        return
      }
      res.writeHead(200, { 'content-type': `multipart/x-mixed-replace; boundary=${BOUNDARY}`, 'cache-control': 'no-cache' })
      streams.add(res)
      res.on('close', () => streams.delete(res))
    }).on('connection', (socket) => {
      sockets.add(socket)
      socket.on('close', () => sockets.delete(socket))
    })
  const ticker = setInterval(() => {
    const jpeg = jpegs[next++ % jpegs.length]!
    for (const res of streams) {
      res.write(`--${BOUNDARY}\r\nContent-Type: image/jpeg\r\nContent-Length: ${jpeg.length}\r\n\r\n`)
      res.write(jpeg)
      res.write('\r\n')
    }
  }, interval)
  let server = makeServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  const stopListening = (): Promise<void> =>
    new Promise((resolve) => {
      for (const s of sockets) s.destroy()
      server.close(() => resolve())
    })
  return {
    port,
    url: (path = '/stream.mjpeg') => {
      const auth = options.credentials ? `${options.credentials.user}:${options.credentials.password}@` : ''
      return `http://${auth}127.0.0.1:${port}${path}`
    },
    cut: stopListening,
    async resume() {
      server = makeServer()
      await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
    },
    async close() {
      clearInterval(ticker)
      await stopListening()
    }
  }
}
