// Starts and kills the RTSP camera fixture (rtsp-streaming-server + an ffmpeg publisher) as one
// process group, so "the camera goes down" is a real kill -9 of both.
import { spawn, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import type { AddressInfo } from 'node:net'

export interface RtspCamera {
  url: string
  /** kill -9 of the server and its publisher. */
  kill(): Promise<void>
  /** Starts them again on the same ports. */
  restart(): Promise<void>
}

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

export async function startRtspCamera(video: string): Promise<RtspCamera> {
  const publishPort = await freePort()
  const clientPort = await freePort()
  const rtpStart = 20_000 + Math.floor(Math.random() * 20_000)
  let child: ChildProcess | undefined

  const start = async (): Promise<void> => {
    child = spawn(process.execPath, ['test/fixtures/rtsp-camera.cjs', String(publishPort), String(clientPort), String(rtpStart), video], {
      detached: true,
      stdio: ['ignore', 'pipe', 'inherit']
    })
    await new Promise<void>((resolve, reject) => {
      child!.stdout!.on('data', (d: Buffer) => d.toString().includes('ready') && resolve())
      child!.once('exit', (code) => reject(new Error(`RTSP camera exited with ${code}`)))
    })
  }
  await start()
  return {
    url: `rtsp://127.0.0.1:${clientPort}/live`,
    async kill() {
      const c = child
      if (!c || c.exitCode !== null) return
      const gone = new Promise<void>((resolve) => c.once('exit', () => resolve()))
      process.kill(-c.pid!, 'SIGKILL')
      await gone
    },
    restart: start
  }
}
