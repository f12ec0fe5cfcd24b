// What a model process costs in memory: its GPU memory where a GPU runs it (nvidia-smi), else
// its resident set. Read from outside the process, so it counts everything the model holds.
import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { promisify } from 'node:util'

const run = promisify(execFile)

export interface ProcessMemory {
  rssBytes: number
  /** High-water mark of the resident set since the process started. */
  peakRssBytes: number
}

/** Linux /proc figures; null where /proc is not there (macOS, Windows) or the process is gone. */
export function processMemory(pid: number): ProcessMemory | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    const kb = (key: string): number => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024
    return { rssBytes: kb('VmRSS'), peakRssBytes: kb('VmHWM') }
  } catch {
    return null
  }
}

/** GPU memory used by one process, from nvidia-smi; null without an NVIDIA GPU or driver. */
export async function gpuMemory(pid: number): Promise<number | null> {
  try {
    const { stdout } = await run('nvidia-smi', ['--query-compute-apps=pid,used_memory', '--format=csv,noheader,nounits'], { timeout: 5000 })
    for (const line of stdout.split('\n')) {
      const [p, mib] = line.split(',').map((s) => s.trim())
      if (Number(p) === pid) return Number(mib) * 1024 * 1024
    }
    return 0
  } catch {
    return null
  }
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[index]!
}
