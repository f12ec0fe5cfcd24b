// What one link costs per frame, measured: full predictions from a set of given models, timed,
// divided by the links they used. The latency cost of a link for the selectors.
import type { ModelOutput } from '../models/output-spec'
import type { LinkBank } from './link-bank'

export function measureLinkMs(bank: LinkBank, samples: readonly ReadonlyMap<string, ModelOutput>[]): number {
  let links = 0
  const started = performance.now()
  for (const given of samples) for (const p of bank.predict(given).values()) links += p.sources.length
  return (performance.now() - started) / Math.max(1, links)
}
