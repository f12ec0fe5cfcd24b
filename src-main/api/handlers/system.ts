import type { SystemInfo } from '../contract'
import type { Handlers } from '../router'

export function systemHandlers(info: () => SystemInfo): Pick<Handlers, 'system.info'> {
  return { 'system.info': async () => info() }
}
