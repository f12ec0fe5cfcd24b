import type { CollaborativeRuntime } from '../../runtime/collaborative-runtime'
import type { Handlers } from '../router'

export function runtimeHandlers(runtime: CollaborativeRuntime): Pick<Handlers, 'runtime.start' | 'runtime.stop' | 'runtime.state' | 'runtime.setBudget' | 'runtime.preview'> {
  return {
    'runtime.start': (p) => runtime.start(p),
    'runtime.stop': () => runtime.stop(),
    'runtime.state': async () => runtime.state(),
    'runtime.setBudget': ({ budget }) => runtime.setBudget(budget),
    'runtime.preview': async ({ budget }) => runtime.preview(budget)
  }
}
