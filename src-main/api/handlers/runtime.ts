import type { CollaborativeRuntime } from '../../runtime/collaborative-runtime'
import type { RuntimeRepo } from '../../store/runtime-repo'
import type { Handlers } from '../router'

export function runtimeHandlers(runtime: CollaborativeRuntime, repo: RuntimeRepo): Pick<Handlers, 'runtime.start' | 'runtime.stop' | 'runtime.state' | 'runtime.setBudget' | 'runtime.preview' | 'runtime.history'> {
  return {
    'runtime.history': async (p) => repo.history(p),
    'runtime.start': (p) => runtime.start(p),
    'runtime.stop': () => runtime.stop(),
    'runtime.state': async () => runtime.state(),
    'runtime.setBudget': ({ budget }) => runtime.setBudget(budget),
    'runtime.preview': async ({ budget }) => runtime.preview(budget)
  }
}
