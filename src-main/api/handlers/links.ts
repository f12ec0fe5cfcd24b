import type { LinkTrainer } from '../../links/link-trainer'
import type { Handlers } from '../router'

export function linkHandlers(trainer: LinkTrainer): Pick<Handlers, 'links.train' | 'links.cancel' | 'links.matrix' | 'links.predict' | 'links.studyFractions'> {
  return {
    'links.train': async (p) => {
      trainer.start(p)
      return { runId: p.runId, status: 'training' }
    },
    'links.cancel': async ({ runId }) => {
      trainer.cancel(runId)
      return { runId, status: 'cancelling' }
    },
    'links.matrix': async ({ runId }) => trainer.matrix(runId),
    'links.studyFractions': async ({ runId }) => trainer.studyFractions(runId),
    'links.predict': async (p) => trainer.predict(p)
  }
}
