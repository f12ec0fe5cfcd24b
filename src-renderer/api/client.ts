// The typed client every store uses, whatever carries the calls.
import type { EventName, MethodName, ParamsOf, PayloadOf, ResultOf } from '../../src-main/api/contract'
import { HttpTransport } from './http-transport'
import { IpcTransport } from './ipc-transport'
import type { Transport } from './transport'

export class ApiClient {
  constructor(readonly transport: Transport) {}

  call<M extends MethodName>(method: M, params: ParamsOf<M>): Promise<ResultOf<M>> {
    return this.transport.invoke(method, params) as Promise<ResultOf<M>>
  }

  on<E extends EventName>(topic: E, handler: (payload: PayloadOf<E>) => void): () => void {
    return this.transport.subscribe(topic, handler as (payload: unknown) => void)
  }
}

const TOKEN_KEY = 'mlink.token'

/** Electron's bridge when present, else the engine that served this page. */
export function connectFromPage(): ApiClient {
  if (window.mlink) return new ApiClient(new IpcTransport(window.mlink))
  const url = new URL(window.location.href)
  const fromUrl = url.searchParams.get('token')
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl)
    url.searchParams.delete('token')
    window.history.replaceState(null, '', url)
  }
  const token = fromUrl ?? sessionStorage.getItem(TOKEN_KEY) ?? undefined
  return new ApiClient(new HttpTransport({ base: `${window.location.origin}/`, token }))
}
