// Entry of a link trainer process (bundled to out/main/trainer.js): trains on the dataset it is
// sent and reports back; the engine stores the results. Link training is CPU-bound TF.js work,
// so it runs here instead of blocking the engine's event loop.
import { selectBackend } from '../tfjs/backend'
import { dataFractionStudy } from './data-fraction'
import { trainRun } from './train-run'
import type { FromTrainer, ToTrainer } from './trainer-protocol'

console.log = (...args: unknown[]) => console.error(...args)

function send(message: FromTrainer, then?: () => void): void {
  process.send?.(message, undefined, {}, () => then?.())
}

process.once('message', (message: ToTrainer) => {
  void (async () => {
    try {
      const { report } = await selectBackend()
      send({ type: 'started', backend: report.name })
      if (message.type === 'fractions') {
        await dataFractionStudy(message.dataset, message.config, message.fractions, (result) => send({ type: 'fraction', result }))
        send({ type: 'done' }, () => process.disconnect?.())
        return
      }
      let last = 0
      await trainRun(message.dataset, message.config, {
        // At most ~10 progress messages a second.
        progress: (progress) => {
          const now = performance.now()
          if (now - last < 100 && progress.epoch !== progress.epochs) return
          last = now
          send({ type: 'progress', progress })
        },
        target: (trained) => send({ type: 'target', trained })
      }, message.targets)
      // Leave only once the last message is on its way.
      send({ type: 'done' }, () => process.disconnect?.())
    } catch (err) {
      send({ type: 'failed', message: err instanceof Error ? err.message : String(err) }, () => process.disconnect?.())
    }
  })()
})
process.on('disconnect', () => process.exit(0))
