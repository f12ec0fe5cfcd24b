import type { Profiler } from '../../profiling/profiler'
import type { Handlers } from '../router'

export function profileHandlers(profiler: Profiler, report: Handlers['profiles.report']): Pick<Handlers, 'profiles.start' | 'profiles.cancel' | 'profiles.list' | 'profiles.get' | 'profiles.report'> {
  return {
    'profiles.report': report,
    'profiles.start': (p) => profiler.start(p),
    'profiles.cancel': async ({ runId }) => profiler.cancel(runId),
    'profiles.list': async ({ limit }) => ({ runs: profiler.list(limit) }),
    'profiles.get': async ({ runId }) => profiler.get(runId)
  }
}
