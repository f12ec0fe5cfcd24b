// What one link costs per frame, measured: on each sample frame, the second half of the models is
// predicted from the first half (a typical active set); the time is divided by the links used.
// The latency cost of a link for the selectors.
import type { ModelOutput } from '../models/output-spec'
import type { LinkBank } from './link-bank'

export function measureLinkMs(bank: LinkBank, frames: readonly ReadonlyMap<string, ModelOutput>[]): number {
  const given = frames.map((outputs) => {
    const ids = [...outputs.keys()]
    return new Map(ids.slice(0, Math.ceil(ids.length / 2)).map((id) => [id, outputs.get(id)!]))
  })
  let links = 0
  const started = performance.now()
  for (const outputs of given) for (const p of bank.predict(outputs).values()) links += p.sources.length
  return (performance.now() - started) / Math.max(1, links)
}
