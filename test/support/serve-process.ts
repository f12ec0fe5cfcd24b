// Starts the built `mlink serve` as a real child process and waits for its URL.
import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'

export interface ServeProcess {
  child: ChildProcess
  url: string
  token?: string
  output: () => string
  stop(): Promise<void>
}

export async function startServe(args: string[], timeoutMs = 30_000): Promise<ServeProcess> {
  const child = spawn(process.execPath, ['bin/mlink.js', 'serve', ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()))
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()))
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start within ${timeoutMs} ms:\n${output}`)), timeoutMs)
    const check = (): void => {
      const match = /serving at (http:\/\/\S+)/.exec(output)
      if (match?.[1]) {
        clearTimeout(timer)
        resolve(match[1])
      }
    }
    child.stdout?.on('data', check)
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`serve exited with ${code} before listening:\n${output}`))
    })
  })
  const token = /access token(?: \(new\))?: (\S+)/.exec(output)?.[1]
  return {
    child,
    url,
    token,
    output: () => output,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return
      child.kill('SIGTERM')
      await once(child, 'exit')
    }
  }
}

/** Runs `mlink ...` to completion and returns its exit code and output. */
export async function runMlink(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['bin/mlink.js', ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
  const [code] = (await once(child, 'exit')) as [number | null]
  return { code, stdout, stderr }
}
