import type { Profiler } from '../../runtime/profiler'
import type { Handlers } from '../router'

export function profileHandlers(profiler: Profiler): Pick<Handlers, 'profiles.start' | 'profiles.cancel' | 'profiles.list' | 'profiles.get'> {
  return {
    'profiles.start': (p) => profiler.start(p),
    'profiles.cancel': async ({ runId }) => profiler.cancel(runId),
    'profiles.list': async ({ limit }) => ({ runs: profiler.list(limit) }),
    'profiles.get': async ({ runId }) => profiler.get(runId)
  }
}
