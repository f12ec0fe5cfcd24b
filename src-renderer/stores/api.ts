import { inject, type InjectionKey } from 'vue'
import type { ApiClient } from '../api/client'

/** The app provides the one client; stores inject it (tests provide a client of their own). */
export const apiKey: InjectionKey<ApiClient> = Symbol('mlink-api')

export function useApiClient(): ApiClient {
  const client = inject(apiKey)
  if (!client) throw new Error('No API client: provide apiKey on the app before using stores.')
  return client
}
